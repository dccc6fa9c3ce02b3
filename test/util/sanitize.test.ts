import { describe, expect, it } from 'vitest';
import { asText, BIDI_MARK, NEWLINE_MARK, sanitize, sanitizeLines, sanitizeRecord, terminalSafe } from '../../src/util/sanitize.js';

const ESC = '\x1b';
const BEL = '\x07';
const ST = `${ESC}\\`;

// Each class of what a terminal would act on, inside ordinary text: the text
// around it must survive, the sequence must not.
const SEQUENCES: Array<[string, string]> = [
  ['CSI cursor move', `${ESC}[2;5H`],
  ['CSI erase display', `${ESC}[2J`],
  ['CSI private mode (hide cursor)', `${ESC}[?25l`],
  ['CSI private mode (alternate screen)', `${ESC}[?1049h`],
  ['CSI with intermediates', `${ESC}[1 q`],
  ['CSI SGR', `${ESC}[31;1m`],
  ['CSI with colon parameters', `${ESC}[38:2:255:0:0m`],
  ['OSC title ended by BEL', `${ESC}]0;PWNED${BEL}`],
  ['OSC title ended by ST', `${ESC}]2;PWNED${ST}`],
  ['OSC 52 clipboard', `${ESC}]52;c;Y2xpcA==${BEL}`],
  ['OSC 8 hyperlink', `${ESC}]8;;https://evil.example${ST}`],
  ['OSC ended by 8-bit ST', `${ESC}]0;PWNED\x9c`],
  ['DCS', `${ESC}P1$qm${ST}`],
  ['SOS', `${ESC}Xhidden${ST}`],
  ['PM', `${ESC}^hidden${ST}`],
  ['APC', `${ESC}_hidden${ST}`],
  ['8-bit CSI', '\x9b2J'],
  ['8-bit CSI private mode', '\x9b?25l'],
  ['8-bit OSC', `\x9d0;PWNED${BEL}`],
  ['8-bit DCS', '\x90qhidden\x9c'],
  ['8-bit SOS', '\x98hidden\x9c'],
  ['8-bit PM', '\x9ehidden\x9c'],
  ['8-bit APC', '\x9fhidden\x9c'],
  ['two-byte escape (full reset)', `${ESC}c`],
  ['escape with intermediate (charset)', `${ESC}(0`],
  ['save cursor', `${ESC}7`],
  ['keypad mode', `${ESC}=`],
  ['ST on its own', ST],
  ['BEL', BEL],
  ['backspace', '\b\b\b'],
  ['NUL and other C0', '\x00\x01\x0e\x0f\x1a\x1c\x1f'],
  ['DEL', '\x7f'],
  ['C1 index, reverse index, NEL-less controls', '\x84\x8d\x8e\x8f\x9c'],
];

// What must never be left in sanitised text: any control, DEL, C1, or a bidi control.
const FORBIDDEN = /[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c\u2028\u2029]/;

describe('sanitize', () => {
  for (const [name, seq] of SEQUENCES) {
    it(`removes ${name}, keeping the text around it`, () => {
      const out = sanitize(`before${seq}after`);
      expect(out).toBe('beforeafter');
    });
  }

  it('leaves plain text, Unicode and emoji as they are', () => {
    for (const s of ['pool exhausted: 40 connections, 55.2 ms', 'modèle à 99 % · ✓ ✖ ▲', 'naïve 日本語 🚀']) expect(sanitize(s)).toBe(s);
  });

  it('drops the introducer of an unterminated control string and shows the rest as text, eating nothing', () => {
    expect(sanitize(`ok ${ESC}]0;PWNED and the rest`)).toBe('ok 0;PWNED and the rest');
    expect(sanitize(`ok ${ESC}P1$q and the rest`)).toBe('ok 1$q and the rest');
    expect(sanitize(`ok \x9d0;PWNED`)).toBe('ok 0;PWNED');
    // A value cut short in its middle, then our own words: they stay.
    expect(sanitize(`run ${ESC}_a…? y to run: `)).toBe('run a…? y to run: ');
  });

  it('takes a control string cut by a line break or another escape as unterminated', () => {
    expect(sanitize(`ok ${ESC}]0;PWNED\nforged line${BEL}`)).toBe(`ok 0;PWNED${NEWLINE_MARK}forged line`);
    expect(sanitize(`a${ESC}]52;c;eA==${ESC}]0;t${BEL}b`)).toBe('a52;c;eA==b');
  });

  it('removes a lone ESC, at the end or before a control, without eating what follows', () => {
    expect(sanitize(`end${ESC}`)).toBe('end');
    expect(sanitize(`a${ESC}\nb`)).toBe(`a${NEWLINE_MARK}b`);
    expect(sanitize(`a${ESC}${ESC}[2Jb`)).toBe('ab');
    expect(sanitize(`a${ESC}é`)).toBe('aé');
  });

  it('removes a CSI cut short by a byte that cannot be in one, showing the rest as text', () => {
    expect(sanitize(`a${ESC}[12\x01;5Hb`)).toBe('a;5Hb');
    expect(sanitize(`a${ESC}[`)).toBe('a');
  });

  it('shows every kind of line break as ⏎, one for CRLF', () => {
    expect(sanitize('a\nb')).toBe(`a${NEWLINE_MARK}b`);
    expect(sanitize('a\rb')).toBe(`a${NEWLINE_MARK}b`);
    expect(sanitize('a\r\nb')).toBe(`a${NEWLINE_MARK}b`);
    expect(sanitize('a\vb\fc')).toBe(`a${NEWLINE_MARK}b${NEWLINE_MARK}c`);
    expect(sanitize('a\u2028b\u2029c\x85d')).toBe(`a${NEWLINE_MARK}b${NEWLINE_MARK}c${NEWLINE_MARK}d`);
  });

  it('turns a tab into a space', () => {
    expect(sanitize('a\tb')).toBe('a b');
  });

  it('shows every bidi control as a visible mark', () => {
    for (const c of ['\u202a', '\u202b', '\u202c', '\u202d', '\u202e', '\u2066', '\u2067', '\u2068', '\u2069', '\u200e', '\u200f', '\u061c']) {
      expect(sanitize(`a${c}b`), c.codePointAt(0)!.toString(16)).toBe(`a${BIDI_MARK}b`);
    }
  });

  it('makes a hostile mix one harmless line', () => {
    const payload = `${ESC}]0;PWNED${BEL}${ESC}]52;c;Y2xpcA==${BEL}${ESC}[2J${ESC}P1$q${ST}${ESC}_apc${ST}\x9b31m\u202eevil\nforged line\r${BEL}`;
    const out = sanitize(payload);
    expect(out).not.toMatch(FORBIDDEN);
    expect(out).toBe(`${BIDI_MARK}evil${NEWLINE_MARK}forged line${NEWLINE_MARK}`);
  });

  it('converts values that are not strings instead of failing', () => {
    expect(sanitize(123)).toBe('123');
    expect(sanitize(true)).toBe('true');
    expect(sanitize(null)).toBe('');
    expect(sanitize(undefined)).toBe('');
    expect(sanitize({ a: 1 })).toBe('{"a":1}');
    expect(sanitize(['x', `${ESC}[2J`])).toBe('["x","\\u001b[2J"]');
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(sanitize(cyclic)).toBe('[object Object]');
    expect(asText(10n)).toBe('10');
  });
});

describe('sanitizeRecord', () => {
  it('sanitises keys and values and converts values to strings', () => {
    expect(sanitizeRecord({ alertname: 123, [`a${ESC}[2Jb`]: `x${ESC}]0;t${BEL}y`, summary: { a: 1 } })).toEqual({ alertname: '123', ab: 'xy', summary: '{"a":1}' });
  });
});

describe('sanitizeLines', () => {
  it('keeps line breaks as breaks and sanitises each line', () => {
    expect(sanitizeLines(`one\r\ntwo${ESC}[2J\rthree\u2028four\n${ESC}]0;PWNED${BEL}five\tsix`)).toEqual(['one', 'two', 'three', 'four', 'five six']);
  });

  it('does not let a sequence reach across lines', () => {
    expect(sanitizeLines(`a${ESC}]0;PWN\nED${BEL}b`)).toEqual(['a0;PWN', 'EDb']);
  });
});

describe('terminalSafe', () => {
  it('keeps SGR colour and newlines, and is the identity on what gptmon writes itself', () => {
    const frame = `${ESC}[1m GPTMON ${ESC}[0m ${ESC}[0;32m✓ ok${ESC}[0m\nline two`;
    expect(terminalSafe(frame)).toBe(frame);
    expect(terminalSafe('plain\n')).toBe('plain\n');
  });

  for (const [name, seq] of SEQUENCES.filter(([n]) => n !== 'CSI SGR')) {
    it(`removes ${name}`, () => {
      expect(terminalSafe(`before${seq}after\nnext`)).toBe('beforeafter\nnext');
    });
  }

  it('removes carriage returns and other line controls, keeping the newline of CRLF', () => {
    expect(terminalSafe('a\r\nb\rc\vd\fe')).toBe('a\nbcde');
  });

  it('keeps a frame\'s lines and columns when a control string is left unterminated', () => {
    expect(terminalSafe(`row one ${ESC}]0;PWNED\nrow two\n${ESC}P1$q\nrow four`)).toBe('row one 0;PWNED\nrow two\n1$q\nrow four');
    expect(terminalSafe(`│ ${ESC}]0;cut │ other column │`)).toBe('│ 0;cut │ other column │');
  });

  it('turns a tab into a space and shows a bidi control as the mark', () => {
    expect(terminalSafe('a\tb\u202ec')).toBe(`a b${BIDI_MARK}c`);
  });

  it('leaves only SGR escapes in a hostile mix', () => {
    const out = terminalSafe(`${ESC}[31mred${ESC}[0m ${ESC}]0;PWNED${BEL}${ESC}[?1049l${ESC}[H\x9b2J${ESC}]52;c;eA==${ST}${ESC}c`);
    expect(out).toBe(`${ESC}[31mred${ESC}[0m `);
  });
});
