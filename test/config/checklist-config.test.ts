// `incident_checklist`: a team's own commander's checklist in gptmon.yaml, in
// place of the playbook's; taken whole or not at all, each mistake a located
// one-line warning naming its field, the playbook's checklist in force then.

import { describe, expect, it } from 'vitest';
import { configToYaml } from '../../src/config/format.js';
import { formatIssue } from '../../src/config/issue.js';
import { checkConfigFile, loadConfig } from '../../src/config/load.js';
import { checklistOf, checklistState, PLAYBOOK_CHECKLIST } from '../../src/incidents/checklist.js';
import { foldIncident } from '../../src/incidents/incident.js';
import type { Event } from '../../src/incidents/types.js';
import { useTempDir } from '../helpers/temp.js';

const tmp = useTempDir();
const env = () => ({ XDG_CONFIG_HOME: tmp.dir(), HOME: tmp.dir() });
const load = (text: string) => loadConfig({ config: tmp.file('gptmon.yaml', text) }, env());

const TEAM = `incident_checklist:
  - title: Assess
    items:
      - Determine impact on trading
      - Call the prime broker
  - title: Immediate
    items: [Halt trading on all venues, Page the risk desk]
`;

describe('a team checklist', () => {
  it('replaces the playbook\'s, after the response flow; items worded like a step gptmon can see are still ticked by it', () => {
    const { config, issues } = load(TEAM);
    expect(issues).toEqual([]);
    expect(config.incident_checklist).toEqual([
      { title: 'Assess', items: ['Determine impact on trading', 'Call the prime broker'] },
      { title: 'Immediate', items: ['Halt trading on all venues', 'Page the risk desk'] },
    ]);
    const t = Date.parse('2026-11-25T03:12:40Z');
    const events: Event[] = [
      { kind: 'declared', time: t - 60_000, operator: 'ana', host: 'h', sev: 3, title: 'x', values: { at: t - 60_000, trading: 'active', drawdown: 0.16, firing: ['ExcessiveDrawdown'] } },
      { kind: 'control', time: t, operator: 'ana', host: 'h', control: { action: 'halt', result: 'verified', reason: 'dd', via: 'cli' } },
    ];
    const items = checklistState(foldIncident('INC-20261125-1', events)!, checklistOf(config));
    expect(items.map((i) => [i.section, i.text, i.ticked])).toEqual([
      ['Response (SEV3)', 'Create ticket', false],
      ['Assess', 'Determine impact on trading', true],
      ['Assess', 'Call the prime broker', false],
      ['Immediate', 'Halt trading on all venues', true],
      ['Immediate', 'Page the risk desk', false],
    ]);
    expect(items.find((i) => i.text.startsWith('Halt'))!.auto).toMatch(/^halted 03:12:40 by ana \(verified\)/);
  });

  it('is the playbook\'s when none is given, which config show prints for a team to extend; a team\'s reads back as written', () => {
    const none = load('read_only: false\n').config;
    expect(checklistOf(none)).toBe(PLAYBOOK_CHECKLIST);
    expect(PLAYBOOK_CHECKLIST.flatMap((s) => s.items.filter((i) => i.auto).map((i) => `${i.text}: ${i.auto}`))).toEqual([
      'Determine impact on trading: impact',
      'Check financial exposure: exposure',
      'Stop trading if necessary: halted',
      'Switch to safe mode: safe-mode',
      'Review monitoring data: monitoring',
      'Reduce risk exposure: reduced',
      'Monitor closely: watching',
      'Verify normal operation: normal',
    ]);
    const shown = configToYaml(none);
    expect(shown).toContain('incident_checklist:\n  - title: Assess\n    items:\n      - Determine impact on trading\n');
    // Extended from that copy: the playbook's items and the team's own.
    const extended = load(shown.replace('      - Update documentation\n', '      - Update documentation\n      - Send the post-mortem to risk\n'));
    expect(extended.issues).toEqual([]);
    expect(checklistOf(extended.config).at(-1)!.items.map((i) => i.text)).toEqual(['Deploy permanent fix', 'Verify normal operation', 'Update documentation', 'Send the post-mortem to risk']);
    const { config } = load(TEAM);
    const again = load(configToYaml(config));
    expect(again.issues).toEqual([]);
    expect(again.config.incident_checklist).toEqual(config.incident_checklist);
  });
});

describe('a checklist with a mistake: one located line naming the field, and the playbook\'s checklist in force', () => {
  const check = (text: string) => {
    const file = tmp.file('gptmon.yaml', text);
    const lines = checkConfigFile(file).map(formatIssue);
    for (const line of lines) {
      expect(line.startsWith(file)).toBe(true);
      expect(line).not.toContain('\n');
    }
    return lines.map((l) => l.slice(file.length));
  };

  it.each([
    ['not a list', 'incident_checklist: Assess\n', /^:1:\d+: incident_checklist: expected a list of sections, each with a title and items, got "Assess"/],
    ['empty', 'incident_checklist: []\n', /^:1:\d+: incident_checklist: expected at least one section/],
    ['a section not a map', 'incident_checklist:\n  - Assess\n', /^:2:\d+: incident_checklist\[0\]: expected a section: a map with title and items/],
    ['a misspelt key', 'incident_checklist:\n  - title: Assess\n    itmes: [a]\n', /^:3:5: incident_checklist\[0\]\.itmes: unknown key "itmes" \(did you mean items\?\)/],
    ['no title', 'incident_checklist:\n  - items: [a]\n', /^:2:\d+: incident_checklist\[0\]: missing "title"/],
    ['no items', 'incident_checklist:\n  - title: Assess\n', /^:2:\d+: incident_checklist\[0\]: missing "items"/],
    ['no items in the list', 'incident_checklist:\n  - title: Assess\n    items: []\n', /^:3:\d+: incident_checklist\[0\]\.items: expected at least one item/],
    ['an item not text', 'incident_checklist:\n  - title: Assess\n    items: [a, {b: 1}]\n', /^:3:\d+: incident_checklist\[0\]\.items\[1\]: expected an item as a line of text, got a map/],
    ['the same item twice', 'incident_checklist:\n  - title: Assess\n    items: [Gather logs]\n  - title: Later\n    items: [gather logs]\n', /^:5:\d+: incident_checklist\[1\]\.items\[0\]: "gather logs" is already an item of Assess/],
  ])('%s', (_what, text, line) => {
    const lines = check(text);
    expect(lines, lines.join('\n')).toHaveLength(1);
    expect(lines[0]).toMatch(line);
    const { config, issues } = load(text);
    expect(issues.map((i) => i.level)).toEqual(['warning']);
    expect(config.incident_checklist).toBeUndefined();
    expect(checklistOf(config)).toBe(PLAYBOOK_CHECKLIST);
  });
});
