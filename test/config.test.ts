import { describe, expect, it } from 'vitest';
import { parseConfig } from '../src/main.ts';

const problemsOf = (env: Record<string, string>) => {
  const result = parseConfig(env);
  return result.ok ? [] : result.problems;
};

describe('configuration', () => {
  it('runs with no configuration at all: embedded database in ./.data/pgdata, terminal only', () => {
    const result = parseConfig({});
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.config.database).toEqual({ kind: 'pglite', dataDir: './.data/pgdata' });
    expect(result.config.slack).toBeUndefined();
    expect(result.config.teams).toBeUndefined();
    expect(result.config.promptHour).toBe(8);
    expect(result.config.schoolDays).toEqual([1, 2, 3, 4, 5]);
  });

  it('uses PostgreSQL when DATABASE_URL is set and PGlite elsewhere when PDSA_DATA_DIR is set', () => {
    const pgResult = parseConfig({ DATABASE_URL: 'postgres://u:p@db:5432/pdsa' });
    expect(pgResult.ok && pgResult.config.database).toEqual({
      kind: 'postgres',
      url: 'postgres://u:p@db:5432/pdsa',
    });
    const memory = parseConfig({ PDSA_DATA_DIR: 'memory' });
    expect(memory.ok && memory.config.database).toEqual({ kind: 'pglite', dataDir: 'memory' });
  });

  it('refuses a Slack bot token without a signing secret or an app token', () => {
    const problems = problemsOf({ SLACK_BOT_TOKEN: 'xoxb-1' });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^SLACK_SIGNING_SECRET: missing/);
  });

  it('accepts Slack in Socket Mode (bot + app token) and in HTTP mode (bot + signing secret)', () => {
    expect(parseConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1' }).ok).toBe(true);
    expect(parseConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 's' }).ok).toBe(true);
  });

  it('names each malformed variable on a line of its own', () => {
    const problems = problemsOf({
      DATABASE_URL: 'mysql://nope',
      PDSA_TIME_ZONE: 'Mars/Olympus',
      PDSA_PROMPT_HOUR: '25',
      SLACK_BOT_TOKEN: 'xoxp-user-token',
    });
    expect(problems.map((p) => p.split(':')[0])).toEqual(
      expect.arrayContaining(['DATABASE_URL', 'PDSA_TIME_ZONE', 'PDSA_PROMPT_HOUR', 'SLACK_BOT_TOKEN']),
    );
    expect(problems.find((p) => p.startsWith('PDSA_TIME_ZONE'))).toContain('Mars/Olympus');
    expect(problems.find((p) => p.startsWith('SLACK_BOT_TOKEN'))).toContain('xoxb-');
  });

  it('refuses half of the OAuth settings, naming the missing ones', () => {
    const problems = problemsOf({ SLACK_CLIENT_ID: 'id', SLACK_SIGNING_SECRET: 's' });
    expect(problems.some((p) => p.startsWith('SLACK_CLIENT_SECRET: missing'))).toBe(true);
    expect(problems.some((p) => p.startsWith('SLACK_STATE_SECRET: missing'))).toBe(true);
  });

  it('refuses a Teams app id without its password, and a single-tenant bot without its tenant', () => {
    expect(problemsOf({ MICROSOFT_APP_ID: 'abc' })[0]).toMatch(/^MICROSOFT_APP_PASSWORD: missing/);
    expect(
      problemsOf({
        MICROSOFT_APP_ID: 'abc',
        MICROSOFT_APP_PASSWORD: 'pw',
        MICROSOFT_APP_TYPE: 'SingleTenant',
      })[0],
    ).toMatch(/^MICROSOFT_APP_TENANT_ID: missing/);
    expect(parseConfig({ MICROSOFT_APP_ID: 'abc', MICROSOFT_APP_PASSWORD: 'pw' }).ok).toBe(true);
  });

  it("serves Teams charts and exports from the bot's public https address", () => {
    const teams = { MICROSOFT_APP_ID: 'abc', MICROSOFT_APP_PASSWORD: 'pw' };
    const publicUrl = (env: Record<string, string>) => {
      const result = parseConfig({ ...teams, ...env });
      return result.ok ? result.config.teams?.publicUrl : result.problems;
    };
    expect(publicUrl({})).toBeUndefined();
    expect(publicUrl({ TEAMS_BOT_DOMAIN: 'pdsa.example.org' })).toBe('https://pdsa.example.org');
    expect(publicUrl({ TEAMS_PUBLIC_URL: 'https://edge.example.org/pdsa/api/messages' })).toBe(
      'https://edge.example.org/pdsa',
    );
    expect(publicUrl({ TEAMS_PUBLIC_URL: 'http://pdsa.example.org' })).toEqual([
      'TEAMS_PUBLIC_URL: Teams shows pictures only from https addresses; got http:',
    ]);
    expect(publicUrl({ TEAMS_PUBLIC_URL: 'pdsa.example.org' })).toEqual([
      'TEAMS_PUBLIC_URL: not an address; expected something like https://pdsa.example.org',
    ]);
  });

  it('treats empty values as unset, as a copied .env.example leaves them', () => {
    expect(parseConfig({ SLACK_BOT_TOKEN: '', DATABASE_URL: '  ' }).ok).toBe(true);
  });

  it('waits on PostgreSQL at most 10 s per statement, 15 s per answer and 5 s per connection unless told otherwise', () => {
    const timeouts = (env: Record<string, string>) => {
      const result = parseConfig(env);
      return result.ok ? result.config.databaseTimeouts : result.problems;
    };
    expect(timeouts({})).toEqual({ statementMs: 10_000, queryMs: 15_000, connectMs: 5_000 });
    // The client-side limit follows a longer statement timeout, staying above it.
    expect(timeouts({ PDSA_DB_STATEMENT_TIMEOUT_MS: '30000' })).toEqual({
      statementMs: 30_000,
      queryMs: 35_000,
      connectMs: 5_000,
    });
    expect(
      timeouts({
        PDSA_DB_STATEMENT_TIMEOUT_MS: '2000',
        PDSA_DB_QUERY_TIMEOUT_MS: '3000',
        PDSA_DB_CONNECT_TIMEOUT_MS: '1000',
      }),
    ).toEqual({ statementMs: 2_000, queryMs: 3_000, connectMs: 1_000 });
  });

  it('refuses time limits that are not whole milliseconds in range, or a client limit inside the server one', () => {
    expect(problemsOf({ PDSA_DB_STATEMENT_TIMEOUT_MS: '10s' })[0]).toMatch(
      /^PDSA_DB_STATEMENT_TIMEOUT_MS: expected a whole number from 100 to 600000, got "10s"/,
    );
    expect(problemsOf({ PDSA_DB_CONNECT_TIMEOUT_MS: '0' })[0]).toMatch(/^PDSA_DB_CONNECT_TIMEOUT_MS/);
    expect(problemsOf({ PDSA_DB_STATEMENT_TIMEOUT_MS: '20000', PDSA_DB_QUERY_TIMEOUT_MS: '15000' })).toEqual([
      'PDSA_DB_QUERY_TIMEOUT_MS: must be longer than PDSA_DB_STATEMENT_TIMEOUT_MS (20000), so that PostgreSQL stops a slow statement itself before the bot gives up on its connection; got 15000',
    ]);
  });

  it('reads school days and quiet hours', () => {
    const result = parseConfig({ PDSA_SCHOOL_DAYS: '7,1,2,3,4', PDSA_QUIET_HOURS: 'off' });
    expect(result.ok && result.config.schoolDays).toEqual([1, 2, 3, 4, 7]);
    expect(result.ok && result.config.quietHours).toBeNull();
    expect(problemsOf({ PDSA_SCHOOL_DAYS: 'mon,tue' })[0]).toMatch(/^PDSA_SCHOOL_DAYS/);
  });
});
