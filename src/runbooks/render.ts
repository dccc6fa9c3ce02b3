// A runbook for the terminal: headings, numbered steps, commands set apart,
// wrapped to the width. Piped output is the Markdown as written instead. A
// team's runbook is outside text: every piece of it is sanitised here.

import { sanitize, sanitizeLines } from '../util/sanitize.js';
import type { Runbook, Step } from './types.js';
import { wrap } from '../text/wrap.js';

export { wrap };


interface Style {
  heading(s: string): string;
  command(s: string): string;
}

const PLAIN: Style = { heading: (s) => s, command: (s) => s };
const ANSI: Style = { heading: (s) => `\x1b[1m${s}\x1b[0m`, command: (s) => `\x1b[36m${s}\x1b[0m` };

/** The step's text without its command span, which is shown on its own line. */
export function stepText(step: Step): string {
  return step.command && !step.block ? step.text.replace(`\`${step.command}\``, '').replace(/[:\s]+$/, '').trim() || step.text : step.text.replace(/`([^`]+)`/g, '$1');
}

function stepLines(step: Step, width: number, style: Style): string[] {
  const label = `${step.number}. `.padStart(5);
  const lines = wrap(sanitize(stepText(step)), width, ' '.repeat(5));
  lines[0] = label + (lines[0] ?? '').trimStart();
  const shown = step.block?.code ?? step.command;
  if (shown) for (const l of sanitizeLines(shown)) lines.push(style.command(`       $ ${l}`.slice(0, Math.max(width, 10))));
  return lines;
}

export function renderRunbook(r: Runbook, width: number, color: boolean): string {
  const style = color ? ANSI : PLAIN;
  const w = Math.max(40, Math.min(width, 100));
  const out: string[] = [style.heading(sanitize(r.title).toUpperCase()), `${sanitize(r.id)}${r.severity ? ` · ${sanitize(r.severity)}` : ''}${r.alerts.length ? ` · serves ${r.alerts.map(sanitize).join(', ')}` : ''}${r.aliases.length ? ` · also: ${r.aliases.map(sanitize).join(', ')}` : ''}`];
  if (r.intro) out.push('', ...wrap(sanitize(r.intro), w));
  const bullets = (title: string, items: string[]) => {
    if (!items.length) return;
    out.push('', style.heading(title));
    for (const item of items) {
      const lines = wrap(sanitize(item).replace(/`([^`]+)`/g, '$1'), w, '     ');
      lines[0] = `   • ${(lines[0] ?? '').trimStart()}`;
      out.push(...lines);
    }
  };
  const steps = (title: string, list: Step[]) => {
    if (!list.length) return;
    out.push('', style.heading(title));
    for (const s of list) out.push(...stepLines(s, w, style));
  };
  bullets('Symptoms', r.symptoms);
  steps('Diagnosis', r.diagnosis);
  steps('Resolution', r.resolution);
  bullets('Prevention', r.prevention);
  return `${out.join('\n')}\n`;
}

/** The Markdown as written, for a pipe: each line sanitised, the line breaks kept. */
export function runbookMarkdown(r: Runbook): string {
  const lines = sanitizeLines(r.markdown);
  if (lines.at(-1) === '') lines.pop();
  return `${lines.join('\n')}\n`;
}

export function runbookJson(r: Runbook): object {
  const { markdown: _m, ...rest } = r;
  return rest;
}
