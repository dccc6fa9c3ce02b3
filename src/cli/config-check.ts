import { checkConfigFile, loadConfig } from '../config/load.js';
import type { GlobalOptions } from './options.js';
import { formatIssue } from '../config/issue.js';
import { writeOut } from './output.js';

export async function runConfigCheck(file: string | undefined, globals: GlobalOptions): Promise<number> {
  const issues = file ? checkConfigFile(file) : loadConfig(globals).issues;
  if (issues.length === 0) {
    writeOut('ok\n');
    return 0;
  }
  // Strict: warnings too, as written, so an editor can jump to each.
  for (const issue of issues) writeOut(`${formatIssue(issue)}\n`);
  return 1;
}
