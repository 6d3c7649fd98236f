import { z } from 'zod';
import { isValidTimeZone } from './core/schedule/local-time.ts';
import { type DatabaseTimeouts, DEFAULT_TIMEOUTS, queryTimeoutFor } from './db/timeouts.ts';

// Every setting comes from the environment (and .env, loaded by main.ts).
// parseConfig is pure so that each refusal can be tested; it reports every
// problem at once, one line each, naming the variable and what is expected.
// The core's settings are read here; each chat platform's sit beside its
// adapter (adapters/<platform>/config.ts) as a ConfigSection built from the
// field helpers below, and main.ts hands them in, so that a new platform
// touches no file of src/ but main.ts.

export const optionalString = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === '' ? undefined : v.trim()));

export const intIn = <F extends number | undefined>(min: number, max: number, fallback: F) =>
  optionalString.transform((v, ctx): number | F => {
    if (v === undefined) return fallback;
    const n = Number(v);
    if (!Number.isInteger(n) || n < min || n > max) {
      ctx.addIssue({ code: 'custom', message: `expected a whole number from ${min} to ${max}, got "${v}"` });
      return z.NEVER;
    }
    return n;
  });

export const timeZone = (fallback: string) =>
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

export const prefixed = (prefix: string, what: string) =>
  optionalString.refine((v) => v === undefined || v.startsWith(prefix), {
    message: `expected ${what} starting with "${prefix}"`,
  });

export const url = optionalString.refine((v) => v === undefined || URL.canParse(v), {
  message: 'expected a URL',
});

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

const coreFields = {
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
};

/**
 * A chat platform's settings, declared beside its adapter: its variables
 * (parsed with the core's, so that a malformed one is reported in the same
 * list) and how they make the platform's config, undefined when the
 * platform is not configured, with what is missing for it to run.
 */
export type ConfigSection<F extends z.ZodRawShape, T> = {
  fields: F;
  read(env: z.output<z.ZodObject<F>>): { config?: T; problems: string[] };
};

// biome-ignore lint/suspicious/noExplicitAny: a section of any platform, whatever its fields
type AnySection = ConfigSection<any, unknown>;

/** Each platform's config under its section's key, when it is configured. */
export type PlatformConfigs<S extends Record<string, AnySection>> = {
  [K in keyof S]?: S[K] extends ConfigSection<infer _F, infer T> ? T : never;
};

export type CoreConfig = {
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
};

export type ConfigResult<C> = { ok: true; config: C } | { ok: false; problems: string[] };

/**
 * The core's settings and each platform's, in the order given: malformed
 * variables first (core, then each platform's), else what is missing or
 * does not fit together, core first.
 */
export function parseConfigWith<S extends Record<string, AnySection>>(
  env: Record<string, string | undefined>,
  platforms: S,
): ConfigResult<CoreConfig & PlatformConfigs<S>> {
  const sections = Object.entries(platforms);
  const envSchema = z.object(
    Object.assign({}, coreFields, ...sections.map(([, section]) => section.fields)) as typeof coreFields,
  );
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

  const platformConfigs: Record<string, unknown> = {};
  for (const [key, section] of sections) {
    const read = section.read(parsed.data);
    platformConfigs[key] = read.config;
    problems.push(...read.problems);
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
      ...(platformConfigs as PlatformConfigs<S>),
    },
  };
}
