import { createContext, useContext } from 'react';
import type { Level } from '../../engine/classify.js';
import type { Severity } from '../../config/types.js';

/**
 * Colour is an extra, never the only signal: every state also has a symbol
 * and a word, so the console reads the same under NO_COLOR and in monochrome.
 */
export interface Theme {
  color: boolean;
  /**
   * The terminal draws bold, dim and inverse (the console's own terminal
   * does, colour or not): lines painted as strings mark state with them as
   * Ink's Text would. Unset where Ink itself would draw none (a pipe, a test).
   */
  attributes?: boolean;
}

export const ThemeContext = createContext<Theme>({ color: true });
export const useTheme = () => useContext(ThemeContext);

export const LEVEL_SYMBOL: Record<Level, string> = { ok: '✓', warning: '▲', critical: '✖' };
export const LEVEL_WORD: Record<Level, string> = { ok: '', warning: 'WARN', critical: 'CRIT' };
export const LEVEL_COLOR: Record<Level, string> = { ok: 'green', warning: 'yellow', critical: 'red' };

export const SEVERITY_SYMBOL: Record<Severity, string> = { critical: '✖', high: '▲', medium: '●', low: '·' };
export const SEVERITY_WORD: Record<Severity, string> = { critical: 'CRIT', high: 'HIGH', medium: 'MED', low: 'LOW' };
export const SEVERITY_COLOR: Record<Severity, string> = { critical: 'red', high: 'yellow', medium: 'cyan', low: 'gray' };

/** A colour only when colour is on. */
export function tint(theme: Theme, color: string | undefined): string | undefined {
  return theme.color ? color : undefined;
}

const FG: Record<string, number> = { red: 31, green: 32, yellow: 33, blue: 34, magenta: 35, cyan: 36, gray: 90 };

/** Text in a colour (and bold, dim, inverse) as raw SGR, for rows drawn as one string. */
export function sgr(text: string, color: string | undefined, bold = false, more: { dim?: boolean; inverse?: boolean } = {}): string {
  const codes = [bold ? '1' : '', more.dim ? '2' : '', more.inverse ? '7' : '', color && FG[color] ? String(FG[color]) : ''].filter(Boolean);
  return codes.length ? `\x1b[${codes.join(';')}m${text}\x1b[0m` : text;
}

/** Text styled as Ink's Text would style it under this theme: colours only with colour, attributes with either. */
export function styled(theme: Theme, text: string, style: { color?: string | undefined; bold?: boolean; dim?: boolean; inverse?: boolean }): string {
  if (!text || !(theme.color || theme.attributes)) return text;
  return sgr(text, theme.color ? style.color : undefined, style.bold === true, { dim: style.dim === true, inverse: style.inverse === true });
}
