import { checkConfigFile, loadConfig } from '../config/load.js';
import type { GlobalOptions } from './main.js';
import { printIssues } from './output.js';

export async function runConfigCheck(file: string | undefined, globals: GlobalOptions): Promise<number> {
  const issues = file ? checkConfigFile(file) : loadConfig(globals).issues;
  if (issues.length === 0) {
    process.stdout.write('ok\n');
    return 0;
  }
  printIssues(issues, process.stdout);
  return 1;
}
