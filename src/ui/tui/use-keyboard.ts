// The console reads the keyboard in one place (gemini-cli's KeypressProvider
// is the model): every read is split into keys, and each key goes to the
// prompt that holds the focus, else to the view's key table.
//
// Keys can arrive faster than React draws (a paste, tmux send-keys, a quick
// typist): `a` and the comment after it may come in one read, before the ack
// prompt exists. So a key meant for a prompt not yet mounted waits here, and
// the prompt takes the waiting keys the moment it mounts (a layout effect, in
// the same commit that draws it). Nothing typed is lost or sent to the view.

import { createContext, useContext, useLayoutEffect, useMemo, useRef, type RefObject } from 'react';
import { useInput } from 'ink';
import { keyName } from './key-name.js';

/** A key as the router reports it: its name (key-name.ts), and the text it carried. */
export type KeyHandler = (name: string, input: string) => void;

export interface Keyboard {
  /** The prompt takes every key, the ones waiting for it first, until it lets go. */
  focus(handler: KeyHandler): void;
  release(handler: KeyHandler): void;
}

export const KeyboardContext = createContext<Keyboard>({ focus: () => {}, release: () => {} });

export interface KeyboardOptions {
  /** Whether the keys now belong to a prompt (fresh state, not the last render's). */
  prompting(): boolean;
  /** A key for the view's key table. */
  onViewKey(name: string): void;
  isActive: boolean;
}

/** The console's one keyboard reader; its value goes into KeyboardContext for the prompts. */
export function useKeyboard(opts: KeyboardOptions): Keyboard {
  const optsRef = useRef(opts);
  optsRef.current = opts;
  const focused = useRef<KeyHandler | undefined>(undefined);
  const waiting = useRef<Array<[string, string]>>([]);

  const keyboard = useMemo(() => {
    /** One key, or a run of text: to the prompt, else (a character at a time) to the view. */
    const route = (name: string, input: string): void => {
      if (optsRef.current.prompting()) {
        if (focused.current) focused.current(name, input);
        // Bounded: a prompt that cannot be drawn (a terminal too small) must not collect keys forever.
        else if (waiting.current.length < 256) waiting.current.push([name, input]);
        return;
      }
      waiting.current = [];
      if (name !== input || [...input].length <= 1) return optsRef.current.onViewKey(name);
      // Typed ahead in the view: the first key may open a prompt that the rest is typed into.
      const [first = '', ...rest] = [...input];
      route(first, first);
      if (rest.length) route(rest.join(''), rest.join(''));
    };
    /** A read: Enter and Tab inside it (tmux send-keys, a typist ahead of the screen) are keys of their own, what is between is text. */
    const read = (name: string, input: string): void => {
      if (name !== input || !/[\r\t]/.test(input)) return route(name, input);
      for (const part of input.split(/([\r\t])/)) if (part) part === '\r' ? route('return', '') : part === '\t' ? route('tab', '') : route(part, part);
    };
    return {
      read,
      focus(handler: KeyHandler) {
        focused.current = handler;
        for (const [name, input] of waiting.current.splice(0)) route(name, input);
      },
      release(handler: KeyHandler) {
        if (focused.current === handler) focused.current = undefined;
      },
    };
  }, []);

  useInput((input, key) => keyboard.read(keyName(input, key), input), { isActive: opts.isActive });
  return keyboard;
}

/** Gives `handler` the keys from the commit that mounts the prompt until `release` (or unmount). */
export function usePromptFocus(handler: RefObject<KeyHandler>): { release(): void } {
  const keyboard = useContext(KeyboardContext);
  const release = useRef<() => void>(() => {});
  useLayoutEffect(() => {
    const mine: KeyHandler = (name, input) => handler.current(name, input);
    // Set before focus: the waiting keys may answer the prompt while focus() hands them over.
    release.current = () => keyboard.release(mine);
    keyboard.focus(mine);
    return () => keyboard.release(mine);
  }, [keyboard, handler]);
  return useMemo(() => ({ release: () => release.current() }), []);
}
