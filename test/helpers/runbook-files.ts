/** A well-formed runbook with the given id and steps, as a team would write one. */
export function runbookText(id: string, opts: { aliases?: string[]; alerts?: string[]; steps?: string[] } = {}): string {
  const steps = opts.steps ?? ['Look at the alert: `gptmon alerts`', 'Check the value: `echo checked`'];
  return [
    '---',
    `id: ${id}`,
    `title: Test ${id}`,
    `aliases: [${(opts.aliases ?? []).join(', ')}]`,
    `alerts: [${(opts.alerts ?? []).join(', ')}]`,
    'severity: high',
    '---',
    '',
    `# Test ${id}`,
    '',
    'What this is for.',
    '',
    '## Symptoms',
    '',
    '- something is off',
    '',
    '## Diagnosis',
    '',
    ...steps.map((s, i) => `${i + 1}. ${s}`),
    '',
    '## Resolution',
    '',
    '1. Verify: `gptmon status`',
    '',
    '## Prevention',
    '',
    '- keep watching',
    '',
  ].join('\n');
}
