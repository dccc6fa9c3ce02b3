import type { Key } from 'ink';

/** Ink's key report as one name: `return`, `escape`, `up`, `shift-tab`, `ctrl-c`, or the character. */
export function keyName(input: string, key: Key): string {
  if (key.ctrl) return `ctrl-${input}`;
  if (key.meta && input) return `meta-${input}`;
  if (key.return) return 'return';
  if (key.escape) return 'escape';
  if (key.tab) return key.shift ? 'shift-tab' : 'tab';
  if (key.upArrow) return 'up';
  if (key.downArrow) return 'down';
  if (key.leftArrow) return 'left';
  if (key.rightArrow) return 'right';
  if (key.backspace || key.delete) return 'backspace';
  if (key.pageUp) return 'pageup';
  if (key.pageDown) return 'pagedown';
  if (key.home) return 'home';
  if (key.end) return 'end';
  return input;
}
