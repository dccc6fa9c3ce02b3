// One line typed at a terminal prompt, for the commands that ask before they
// act (a control's typed word, an incident's severity).

import { createInterface } from 'node:readline/promises';

export type Answer = { ok: true; text: string } | { ok: false; why: string };

/**
 * One line typed at the prompt. Ctrl-C and Ctrl-D (or stdin closing) are an
 * answer too, a no: readline would otherwise reject, or leave the question
 * pending forever.
 */
export function ask(question: string, input: NodeJS.ReadableStream = process.stdin, output: NodeJS.WritableStream = process.stdout): Promise<Answer> {
  const rl = createInterface({ input, output, terminal: (input as { isTTY?: boolean }).isTTY === true });
  return new Promise<Answer>((resolve) => {
    let answered = false;
    const end = (a: Answer, echo = '') => {
      if (answered) return;
      answered = true;
      // The refusal that follows starts on a line of its own.
      if (echo) output.write(echo);
      resolve(a);
    };
    rl.on('SIGINT', () => end({ ok: false, why: 'cancelled with Ctrl-C at the prompt' }, '^C\n'));
    rl.on('close', () => end({ ok: false, why: 'no answer at the prompt (end of input)' }, '\n'));
    rl.question(question).then(
      (text) => end({ ok: true, text }),
      () => end({ ok: false, why: 'no answer at the prompt' }, '\n'),
    );
  }).finally(() => rl.close());
}
