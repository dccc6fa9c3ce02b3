// `database:` in the config, GPTMON_DATABASE_URL and --database: which wins,
// the map form with a password file and timeouts, each mistake located, and
// the password never shown (`config show`, the YAML, a ?password= parameter).

import { homedir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatIssue } from '../../src/config/issue.js';
import { loadConfig } from '../../src/config/load.js';
import { configToYaml } from '../../src/config/format.js';
import { maskUrl } from '../../src/util/mask-url.js';
import { runCli } from '../helpers/cli.js';
import { useTempDir } from '../helpers/temp.js';

const tmp = useTempDir();
const cleanEnv = () => ({ XDG_CONFIG_HOME: tmp.dir(), HOME: tmp.dir() });

describe('database: in the config', () => {
  it('none by default', () => {
    expect(loadConfig({}, cleanEnv()).config.database).toBeUndefined();
  });

  it('a URL; the map with password_file and timeouts; flag over env over file', () => {
    const plain = tmp.file('a.yaml', 'database: postgres://gptmon@db:5432/trader\n');
    expect(loadConfig({ config: plain }, cleanEnv()).config.database).toEqual({ url: 'postgres://gptmon@db:5432/trader', statementTimeoutMs: 5000, connectTimeoutMs: 3000 });

    const map = tmp.file('b.yaml', 'timeout: 2s\ndatabase:\n  url: postgresql://gptmon@db/trader?sslmode=require\n  password_file: ~/db-pass\n  statement_timeout: 10s\n');
    const loaded = loadConfig({ config: map }, cleanEnv());
    expect(loaded.issues).toEqual([]);
    expect(loaded.config.database).toEqual({ url: 'postgresql://gptmon@db/trader?sslmode=require', passwordFile: join(homedir(), 'db-pass'), statementTimeoutMs: 10_000, connectTimeoutMs: 2000 });
    expect(loaded.config.origins.database).toBe(`file ${map}`);

    const env = loadConfig({ config: map }, { ...cleanEnv(), GPTMON_DATABASE_URL: 'postgres://other@env-db/trader' });
    // The override replaces the URL; the file's password file and timeouts stay.
    expect(env.config.database).toMatchObject({ url: 'postgres://other@env-db/trader', passwordFile: join(homedir(), 'db-pass'), statementTimeoutMs: 10_000 });
    expect(env.config.origins.database).toBe('env');
    const flag = loadConfig({ config: map, database: 'postgres://flag@flag-db/trader' }, { ...cleanEnv(), GPTMON_DATABASE_URL: 'postgres://other@env-db/trader' });
    expect(flag.config.database!.url).toBe('postgres://flag@flag-db/trader');
    expect(flag.config.origins.database).toBe('flag');
  });

  it('each mistake is located and ignores the whole setting (never half of it)', () => {
    const cases: Array<[string, string]> = [
      ['database: http://db/trader\n', '1:11: database: "http://db/trader" must be a postgres:// or postgresql:// URL (e.g. postgres://gptmon@db:5432/trader)'],
      ['database: 42\n', '1:11: database: expected a postgres:// URL or a map of url, password_file, statement_timeout, connect_timeout, got 42'],
    ['database: not a url\n', '1:11: database: not a URL: "not a url"'],
      ['database:\n  url: postgres://gptmon@db/trader\n  statement_timeout: soon\n', '3:22: database.statement_timeout:'],
      ['database:\n  url: postgres://gptmon@db/trader\n  pasword_file: x\n', '3:3: database.pasword_file: unknown key "pasword_file" (did you mean password_file?)'],
      ['database:\n  - postgres://gptmon@db/trader\n', '2:3: database: expected a postgres:// URL or a map of url, password_file, statement_timeout, connect_timeout'],
    ];
    for (const [yaml, message] of cases) {
      const file = tmp.file('bad.yaml', yaml);
      const { config, issues } = loadConfig({ config: file }, cleanEnv());
      expect(config.database, yaml).toBeUndefined();
      expect(issues.map(formatIssue).join('\n'), yaml).toContain(`${file}:${message}`);
      // The console runs on without a database; only review models needs it.
      expect(issues.every((i) => i.level === 'warning'), yaml).toBe(true);
    }
  });

  it('the password is never shown: config show, the YAML, a ?password= parameter', async () => {
    const url = 'postgres://gptmon:s3cret-pw@db:5432/trader';
    expect(maskUrl(url)).toBe('postgres://gptmon:***@db:5432/trader');
    expect(maskUrl('postgres://gptmon@db/trader?sslmode=require&password=s3cret-pw')).toBe('postgres://gptmon@db/trader?sslmode=require&password=***');
    const { config } = loadConfig({ database: url }, cleanEnv());
    expect(configToYaml(config)).toContain('database:\n  url: postgres://gptmon:***@db:5432/trader\n');
    const shown = await runCli(['config', 'show', '--database', url]);
    expect(shown.stdout).toContain('# database      postgres://gptmon:***@db:5432/trader  (from flag; read-only)');
    expect(shown.stdout).not.toContain('s3cret-pw');
  });

  it('review models: a bad --database is its one-line error, exit 3', async () => {
    const r = await runCli(['review', 'models', '--database', 'mysql://root:s3cret-pw@db/trader']);
    expect(r.code).toBe(3);
    expect(r.stderr).toBe('gptmon review models: --database: database: "mysql://root:***@db/trader" must be a postgres:// or postgresql:// URL (e.g. postgres://gptmon@db:5432/trader)\n');
  });
});
