import { z } from 'zod';
import { isValidTimeZone } from './core/schedule/local-time.ts';
import { type DatabaseTimeouts, DEFAULT_TIMEOUTS, queryTimeoutFor } from './db/timeouts.ts';

// Every setting comes from the environment (and .env, loaded by main.ts).
// parseConfig is pure so that each refusal can be tested; it reports every
// problem at once, one line each, naming the variable and what is expected.

const optionalString = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === '' ? undefined : v.trim()));

const intIn = <F extends number | undefined>(min: number, max: number, fallback: F) =>
  optionalString.transform((v, ctx): number | F => {
    if (v === undefined) return fallback;
    const n = Number(v);
    if (!Number.isInteger(n) || n < min || n > max) {
      ctx.addIssue({ code: 'custom', message: `expected a whole number from ${min} to ${max}, got "${v}"` });
      return z.NEVER;
    }
    return n;
  });

const timeZone = (fallback: string) =>
  optionalString.transform((v, ctx) => {
    const tz = v ?? fallback;
    if (!isValidTimeZone(tz)) {
      ctx.addIssue({
        code: 'custom',
        message: `expected an IANA time zone such as America/Chicago, got "${tz}"`,
      });
      return z.NEVER;
    }
    return tz;
  });

const prefixed = (prefix: string, what: string) =>
  optionalString.refine((v) => v === undefined || v.startsWith(prefix), {
    message: `expected ${what} starting with "${prefix}"`,
  });

const url = optionalString.refine((v) => v === undefined || URL.canParse(v), { message: 'expected a URL' });

const databaseUrl = optionalString.refine(
  (v) => v === undefined || (URL.canParse(v) && /^postgres(ql)?:$/.test(new URL(v).protocol)),
  { message: 'expected a PostgreSQL URL like postgres://user:password@host:5432/database' },
);

const schoolDays = optionalString.transform((v, ctx) => {
  if (v === undefined) return [1, 2, 3, 4, 5];
  const days = v.split(',').map((d) => Number(d.trim()));
  if (days.length === 0 || days.some((d) => !Number.isInteger(d) || d < 1 || d > 7)) {
    ctx.addIssue({
      code: 'custom',
      message: `expected ISO weekdays 1-7 separated by commas (1 = Monday), got "${v}"`,
    });
    return z.NEVER;
  }
  return [...new Set(days)].sort();
});

const quietHours = optionalString.transform((v, ctx) => {
  if (v === undefined) return { start: 20, end: 7 };
  if (v === 'off') return null;
  const m = /^(\d{1,2})-(\d{1,2})$/.exec(v);
  const start = Number(m?.[1]);
  const end = Number(m?.[2]);
  if (!m || start > 23 || end > 23 || start === end) {
    ctx.addIssue({
      code: 'custom',
      message: `expected hours like 20-7 (from 20:00 to 07:00) or "off", got "${v}"`,
    });
    return z.NEVER;
  }
  return { start, end };
});

const envSchema = z.object({
  DATABASE_URL: databaseUrl,
  PDSA_DATA_DIR: optionalString,
  PDSA_DB_STATEMENT_TIMEOUT_MS: intIn(100, 600_000, DEFAULT_TIMEOUTS.statementMs),
  PDSA_DB_QUERY_TIMEOUT_MS: intIn(100, 900_000, undefined),
  PDSA_DB_CONNECT_TIMEOUT_MS: intIn(100, 60_000, DEFAULT_TIMEOUTS.connectMs),
  PDSA_TIME_ZONE: timeZone('UTC'),
  PDSA_TICK_CRON: optionalString,
  PDSA_PROMPT_HOUR: intIn(0, 23, 8),
  PDSA_REMINDER_DELAY_HOURS: intIn(1, 24 * 14, 24),
  PDSA_REMINDER_MAX: intIn(0, 10, 2),
  PDSA_SCHOOL_DAYS: schoolDays,
  PDSA_QUIET_HOURS: quietHours,
  PDSA_RETENTION_DAYS: intIn(0, 36500, 0),
  PDSA_HTTP_PORT: intIn(0, 65535, 0),
  PDSA_CLOCK_START: optionalString.refine((v) => v === undefined || !Number.isNaN(Date.parse(v)), {
    message: 'expected a date and time such as 2026-11-30T07:00:00-06:00',
  }),
  LOG_LEVEL: z
    .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
    .optional()
    .default('info'),
  SLACK_BOT_TOKEN: prefixed('xoxb-', 'a bot token'),
  SLACK_SIGNING_SECRET: optionalString,
  SLACK_APP_TOKEN: prefixed('xapp-', 'an app-level token'),
  SLACK_CLIENT_ID: optionalString,
  SLACK_CLIENT_SECRET: optionalString,
  SLACK_STATE_SECRET: optionalString,
  SLACK_API_URL: url,
  SLACK_PORT: intIn(0, 65535, 3000),
  MICROSOFT_APP_ID: optionalString,
  MICROSOFT_APP_PASSWORD: optionalString,
  MICROSOFT_APP_TENANT_ID: optionalString,
  MICROSOFT_APP_TYPE: z
    .enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI'])
    .optional()
    .or(z.literal('').transform(() => undefined)),
  TEAMS_PORT: intIn(0, 65535, 3978),
  TEAMS_BOT_DOMAIN: optionalString,
  TEAMS_PUBLIC_URL: optionalString,
  PDSA_TEAMS_LOCAL: optionalString.refine(
    (v) => v === undefined || ['1', 'true', 'yes', '0', 'false', 'no'].includes(v.toLowerCase()),
    { message: 'expected 1 (on) or 0 (off)' },
  ),
});

export type SlackConfig = {
  botToken?: string;
  signingSecret?: string;
  appToken?: string;
  oauth?: { clientId: string; clientSecret: string; stateSecret: string };
  apiUrl?: string;
  port: number;
};

export type TeamsConfig = {
  appId: string;
  appPassword?: string;
  tenantId?: string;
  appType: 'MultiTenant' | 'SingleTenant' | 'UserAssignedMSI';
  port: number;
  botDomain?: string;
  /**
   * The https address where Teams reaches this bot (its messaging endpoint
   * without /api/messages). Charts and CSV exports are served from it,
   * because a Teams message carries pictures and files only as links.
   */
  publicUrl?: string;
  /**
   * Local mode, for Microsoft's Agents Playground on this machine: no
   * credentials, requests are not authenticated (the Playground sends no
   * token), the endpoint listens on loopback only, and publicUrl may be
   * http on loopback. Never set together with credentials or a public host.
   */
  local?: true;
};

export type Config = {
  database: { kind: 'postgres'; url: string } | { kind: 'pglite'; dataDir: string | 'memory' };
  /** PostgreSQL only: how long to wait on the server before giving up. */
  databaseTimeouts: DatabaseTimeouts;
  defaultTimeZone: string;
  tickCron: string;
  promptHour: number;
  reminderDelayHours: number;
  reminderMax: number;
  schoolDays: number[];
  quietHours: { start: number; end: number } | null;
  retentionDays: number;
  httpPort: number;
  /** Terminal only: where the simulated clock starts (scripted demos and tests). */
  clockStart?: Date;
  logLevel: string;
  slack?: SlackConfig;
  teams?: TeamsConfig;
};

export type ConfigResult = { ok: true; config: Config } | { ok: false; problems: string[] };

export function parseConfig(env: Record<string, string | undefined>): ConfigResult {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    return {
      ok: false,
      problems: parsed.error.issues.map(
        (issue) => `${String(issue.path[0] ?? 'environment')}: ${issue.message}`,
      ),
    };
  }
  const e = parsed.data;
  const problems: string[] = [];

  if (e.PDSA_TICK_CRON !== undefined && e.PDSA_TICK_CRON.split(/\s+/).length < 5) {
    problems.push(
      `PDSA_TICK_CRON: expected a cron expression such as "* * * * *", got "${e.PDSA_TICK_CRON}"`,
    );
  }

  const databaseTimeouts: DatabaseTimeouts = {
    statementMs: e.PDSA_DB_STATEMENT_TIMEOUT_MS,
    queryMs: e.PDSA_DB_QUERY_TIMEOUT_MS ?? queryTimeoutFor(e.PDSA_DB_STATEMENT_TIMEOUT_MS),
    connectMs: e.PDSA_DB_CONNECT_TIMEOUT_MS,
  };
  if (databaseTimeouts.queryMs <= databaseTimeouts.statementMs) {
    problems.push(
      `PDSA_DB_QUERY_TIMEOUT_MS: must be longer than PDSA_DB_STATEMENT_TIMEOUT_MS (${databaseTimeouts.statementMs}), so that PostgreSQL stops a slow statement itself before the bot gives up on its connection; got ${databaseTimeouts.queryMs}`,
    );
  }

  let slack: SlackConfig | undefined;
  const oauthParts = [e.SLACK_CLIENT_ID, e.SLACK_CLIENT_SECRET, e.SLACK_STATE_SECRET];
  const anySlack = [e.SLACK_BOT_TOKEN, e.SLACK_SIGNING_SECRET, e.SLACK_APP_TOKEN, ...oauthParts].some(
    Boolean,
  );
  if (anySlack) {
    const oauth = oauthParts.every(Boolean)
      ? {
          clientId: e.SLACK_CLIENT_ID!,
          clientSecret: e.SLACK_CLIENT_SECRET!,
          stateSecret: e.SLACK_STATE_SECRET!,
        }
      : undefined;
    if (oauthParts.some(Boolean) && !oauth) {
      for (const [name, value] of [
        ['SLACK_CLIENT_ID', e.SLACK_CLIENT_ID],
        ['SLACK_CLIENT_SECRET', e.SLACK_CLIENT_SECRET],
        ['SLACK_STATE_SECRET', e.SLACK_STATE_SECRET],
      ] as const) {
        if (!value)
          problems.push(
            `${name}: missing; installing in several workspaces needs SLACK_CLIENT_ID, SLACK_CLIENT_SECRET and SLACK_STATE_SECRET together`,
          );
      }
    }
    if (!e.SLACK_BOT_TOKEN && !oauth) {
      problems.push(
        'SLACK_BOT_TOKEN: missing; set the bot token (xoxb-...) from the app\'s "OAuth & Permissions" page, or the three SLACK_CLIENT_* / SLACK_STATE_SECRET settings for several workspaces',
      );
    }
    if (!e.SLACK_SIGNING_SECRET && !e.SLACK_APP_TOKEN) {
      problems.push(
        'SLACK_SIGNING_SECRET: missing; set it (HTTP mode) or SLACK_APP_TOKEN (xapp-..., Socket Mode) so that Slack can reach the bot',
      );
    }
    if (oauth && !e.SLACK_SIGNING_SECRET) {
      problems.push(
        'SLACK_SIGNING_SECRET: missing; installing in several workspaces (OAuth) runs in HTTP mode and needs the signing secret',
      );
    }
    slack = {
      botToken: e.SLACK_BOT_TOKEN,
      signingSecret: e.SLACK_SIGNING_SECRET,
      appToken: e.SLACK_APP_TOKEN,
      oauth,
      apiUrl: e.SLACK_API_URL,
      port: e.SLACK_PORT,
    };
  }

  let teams: TeamsConfig | undefined;
  const anyTeams = [
    e.MICROSOFT_APP_ID,
    e.MICROSOFT_APP_PASSWORD,
    e.MICROSOFT_APP_TENANT_ID,
    e.MICROSOFT_APP_TYPE,
  ].some(Boolean);
  const teamsLocal = ['1', 'true', 'yes'].includes(e.PDSA_TEAMS_LOCAL?.toLowerCase() ?? '');
  if (teamsLocal) {
    const local = localTeams(e, anyTeams);
    if (local.ok) teams = local.teams;
    else problems.push(...local.problems);
  } else if (anyTeams) {
    const appType = e.MICROSOFT_APP_TYPE ?? (e.MICROSOFT_APP_TENANT_ID ? 'SingleTenant' : 'MultiTenant');
    if (!e.MICROSOFT_APP_ID)
      problems.push("MICROSOFT_APP_ID: missing; copy the bot's Microsoft App ID from its Azure Bot resource");
    if (!e.MICROSOFT_APP_PASSWORD && appType !== 'UserAssignedMSI') {
      problems.push("MICROSOFT_APP_PASSWORD: missing; create a client secret for the bot's app registration");
    }
    if (!e.MICROSOFT_APP_TENANT_ID && appType !== 'MultiTenant') {
      problems.push(`MICROSOFT_APP_TENANT_ID: missing; a ${appType} bot needs its directory (tenant) id`);
    }
    const publicUrl = teamsPublicUrl(e.TEAMS_PUBLIC_URL, e.TEAMS_BOT_DOMAIN);
    if (publicUrl && !publicUrl.ok) problems.push(publicUrl.problem);
    teams = {
      appId: e.MICROSOFT_APP_ID ?? '',
      appPassword: e.MICROSOFT_APP_PASSWORD,
      tenantId: e.MICROSOFT_APP_TENANT_ID,
      appType,
      port: e.TEAMS_PORT,
      botDomain: e.TEAMS_BOT_DOMAIN,
      ...(publicUrl?.ok ? { publicUrl: publicUrl.url } : {}),
    };
  }

  if (problems.length > 0) return { ok: false, problems };

  return {
    ok: true,
    config: {
      database: e.DATABASE_URL
        ? { kind: 'postgres', url: e.DATABASE_URL }
        : { kind: 'pglite', dataDir: e.PDSA_DATA_DIR ?? './.data/pgdata' },
      databaseTimeouts,
      defaultTimeZone: e.PDSA_TIME_ZONE,
      tickCron: e.PDSA_TICK_CRON ?? '* * * * *',
      promptHour: e.PDSA_PROMPT_HOUR,
      reminderDelayHours: e.PDSA_REMINDER_DELAY_HOURS,
      reminderMax: e.PDSA_REMINDER_MAX,
      schoolDays: e.PDSA_SCHOOL_DAYS,
      quietHours: e.PDSA_QUIET_HOURS,
      retentionDays: e.PDSA_RETENTION_DAYS,
      httpPort: e.PDSA_HTTP_PORT,
      ...(e.PDSA_CLOCK_START ? { clockStart: new Date(e.PDSA_CLOCK_START) } : {}),
      logLevel: e.LOG_LEVEL,
      slack,
      teams,
    },
  };
}

/** TEAMS_PUBLIC_URL, or https://TEAMS_BOT_DOMAIN when only the domain is set. */
function teamsPublicUrl(
  explicit: string | undefined,
  domain: string | undefined,
): { ok: true; url: string } | { ok: false; problem: string } | undefined {
  const raw = explicit ?? (domain ? `https://${domain.replace(/^https?:\/\//i, '')}` : undefined);
  if (!raw) return undefined;
  const name = explicit ? 'TEAMS_PUBLIC_URL' : 'TEAMS_BOT_DOMAIN';
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return {
      ok: false,
      problem: `${name}: not an address; expected something like https://pdsa.example.org`,
    };
  }
  if (url.protocol !== 'https:') {
    return {
      ok: false,
      problem: `${name}: Teams shows pictures only from https addresses; got ${url.protocol}`,
    };
  }
  if (url.search || url.hash) {
    return { ok: false, problem: `${name}: expected the bot's address without a query or #fragment` };
  }
  return { ok: true, url: url.href.replace(/\/+$/, '').replace(/\/api\/messages$/, '') };
}

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * PDSA_TEAMS_LOCAL=1: the Teams adapter for Microsoft's Agents Playground.
 * Refused next to anything that means a real Teams deployment, because the
 * endpoint then accepts requests that carry no token.
 */
function localTeams(
  e: z.infer<typeof envSchema>,
  anyCredentials: boolean,
): { ok: true; teams: TeamsConfig } | { ok: false; problems: string[] } {
  const problems: string[] = [];
  if (anyCredentials) {
    problems.push(
      'PDSA_TEAMS_LOCAL: local mode is for the Agents Playground without Microsoft credentials; remove it to use the MICROSOFT_APP_* settings, or remove those to try the bot locally',
    );
  }
  if (e.TEAMS_BOT_DOMAIN) {
    problems.push(
      'PDSA_TEAMS_LOCAL: local mode accepts requests without a Bot Framework token, so it never runs with a public host (TEAMS_BOT_DOMAIN); remove one of the two',
    );
  }
  let publicUrl: string | undefined;
  if (e.TEAMS_PUBLIC_URL) {
    const url = URL.canParse(e.TEAMS_PUBLIC_URL) ? new URL(e.TEAMS_PUBLIC_URL) : undefined;
    if (!url || !/^https?:$/.test(url.protocol) || !LOOPBACK_HOSTS.has(url.hostname)) {
      problems.push(
        `TEAMS_PUBLIC_URL: in local mode (PDSA_TEAMS_LOCAL) expected an address on this machine such as http://127.0.0.1:${e.TEAMS_PORT}`,
      );
    } else if (url.search || url.hash) {
      problems.push("TEAMS_PUBLIC_URL: expected the bot's address without a query or #fragment");
    } else {
      publicUrl = url.href.replace(/\/+$/, '').replace(/\/api\/messages$/, '');
    }
  } else if (e.TEAMS_PORT > 0) {
    publicUrl = `http://127.0.0.1:${e.TEAMS_PORT}`;
  }
  if (problems.length > 0) return { ok: false, problems };
  return {
    ok: true,
    teams: {
      appId: '',
      appType: 'MultiTenant',
      port: e.TEAMS_PORT,
      local: true,
      ...(publicUrl ? { publicUrl } : {}),
    },
  };
}
