// Reads one runbook: YAML front matter (id, title, aliases, alerts, severity),
// then Markdown with the sections Symptoms, Diagnosis, Resolution, Prevention.
// Diagnosis and Resolution are numbered steps; a step's command is its code span.

import { LineCounter, parseDocument } from 'yaml';
import { readSimpleFrontMatter } from './front-matter.js';
import type { Runbook, RunbookIssue, RunbookSeverity, Step } from './types.js';

const SECTIONS = ['symptoms', 'diagnosis', 'resolution', 'prevention'] as const;
type Section = (typeof SECTIONS)[number];
const SEVERITIES = ['critical', 'high', 'medium', 'low'];

type Parsed = { ok: true; runbook: Runbook } | { ok: false; issue: RunbookIssue };

function fail(file: string, line: number, message: string): Parsed {
  return { ok: false, issue: { file, line, message } };
}

const stringList = (v: unknown): string[] | undefined =>
  v === undefined || v === null ? [] : Array.isArray(v) && v.every((x) => typeof x === 'string' || typeof x === 'number') ? v.map(String) : undefined;

export function parseRunbook(text: string, file: string, origin: Runbook['origin']): Parsed {
  const lines = text.replace(/\r\n/g, '\n').split('\n');
  if (lines[0]?.trim() !== '---') return fail(file, 1, 'no front matter: a runbook starts with --- then id, title, aliases, alerts, severity, then ---');
  const end = lines.findIndex((l, i) => i > 0 && l.trim() === '---');
  if (end < 0) return fail(file, 1, 'front matter is not closed with ---');

  const frontLines = lines.slice(1, end);
  let fm: Record<string, unknown> | null | undefined = readSimpleFrontMatter(frontLines);
  if (!fm) {
    // Anything past the simple shape goes to `yaml`, for its meaning and its errors.
    const counter = new LineCounter();
    const doc = parseDocument(frontLines.join('\n'), { lineCounter: counter, prettyErrors: false });
    const err = doc.errors[0];
    if (err) return fail(file, counter.linePos(err.pos[0]).line + 1, `front matter: ${err.message.split('\n')[0]}`);
    fm = doc.toJSON() as Record<string, unknown> | null;
  }
  if (!fm || typeof fm !== 'object' || Array.isArray(fm)) return fail(file, 2, 'front matter must be a map (id: ..., title: ...)');
  const lineOf = (key: string) => {
    const idx = lines.findIndex((l, i) => i > 0 && i < end && l.startsWith(`${key}:`));
    return idx < 0 ? 2 : idx + 1;
  };
  if (typeof fm.id !== 'string' || !/^[a-z0-9][a-z0-9-]*$/.test(fm.id)) return fail(file, lineOf('id'), 'front matter: id must be lowercase letters, digits and dashes');
  if (typeof fm.title !== 'string' || !fm.title.trim()) return fail(file, lineOf('title'), 'front matter: title is missing');
  const aliases = stringList(fm.aliases);
  if (!aliases) return fail(file, lineOf('aliases'), 'front matter: aliases must be a list');
  const alerts = stringList(fm.alerts);
  if (!alerts) return fail(file, lineOf('alerts'), 'front matter: alerts must be a list of alert names');
  if (fm.severity !== undefined && !SEVERITIES.includes(String(fm.severity))) return fail(file, lineOf('severity'), `front matter: severity must be one of ${SEVERITIES.join(', ')}`);

  const body: Record<Section, string[]> & { intro: string[] } = { intro: [], symptoms: [], diagnosis: [], resolution: [], prevention: [] };
  const steps: Record<'diagnosis' | 'resolution', Step[]> = { diagnosis: [], resolution: [] };
  let section: Section | 'intro' | undefined = 'intro';
  let fence: { lang: string; code: string[]; step?: Step } | undefined;
  for (let i = end + 1; i < lines.length; i++) {
    const line = lines[i]!;
    const trimmed = line.trim();
    if (fence) {
      if (trimmed.startsWith('```')) {
        const block = { lang: fence.lang, code: fence.code.join('\n') };
        if (fence.step) {
          fence.step.block = block;
          if (!fence.step.command && /^(sh|bash|shell|console)$/.test(block.lang)) fence.step.command = block.code;
        }
        fence = undefined;
      } else fence.code.push(line.replace(/^ {0,3}/, ''));
      continue;
    }
    if (trimmed.startsWith('```')) {
      const last = section === 'diagnosis' || section === 'resolution' ? steps[section].at(-1) : undefined;
      fence = { lang: trimmed.slice(3).trim().toLowerCase(), code: [], ...(last ? { step: last } : {}) };
      continue;
    }
    const heading = /^##\s+(.+?)\s*$/.exec(line);
    if (heading) {
      const name = heading[1]!.toLowerCase();
      section = (SECTIONS as readonly string[]).includes(name) ? (name as Section) : undefined;
      continue;
    }
    if (/^#\s/.test(line) || section === undefined) continue;
    if (section === 'intro') {
      if (trimmed) body.intro.push(trimmed);
      continue;
    }
    if (section === 'diagnosis' || section === 'resolution') {
      const item = /^(\d+)[.)]\s+(.+)$/.exec(trimmed);
      if (item && !/^\s{3,}/.test(line)) {
        const text = item[2]!;
        const step: Step = { section, number: steps[section].length + 1, key: `${section}:${steps[section].length + 1}`, text, line: i + 1 };
        const code = /`([^`]+)`/.exec(text);
        if (code) step.command = code[1]!;
        steps[section].push(step);
      }
      continue;
    }
    const bullet = /^[-*]\s+(.+)$/.exec(trimmed);
    if (bullet) body[section].push(bullet[1]!);
  }
  if (fence) return fail(file, lines.length, 'a fenced code block is not closed');
  if (!steps.diagnosis.length && !steps.resolution.length) return fail(file, end + 2, 'no steps: Diagnosis and Resolution need numbered steps (1. ...)');

  const runbook: Runbook = {
    id: fm.id,
    title: fm.title.trim(),
    aliases: aliases.map((a) => a.toLowerCase()),
    alerts,
    intro: body.intro.join(' '),
    symptoms: body.symptoms,
    diagnosis: steps.diagnosis,
    resolution: steps.resolution,
    prevention: body.prevention,
    file,
    origin,
    markdown: text,
  };
  if (fm.severity !== undefined) runbook.severity = String(fm.severity) as RunbookSeverity;
  return { ok: true, runbook };
}
