import { readFileSync } from 'node:fs';

const PLAYBOOK = new URL('../fixtures/monitoring-playbook.md', import.meta.url);

/** The ```yaml blocks of the playbook, as written there. */
export function playbookYamlBlocks(): string[] {
  const text = readFileSync(PLAYBOOK, 'utf8');
  return [...text.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1]!);
}
