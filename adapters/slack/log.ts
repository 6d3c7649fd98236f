import { type Logger, LogLevel } from '@slack/bolt';

// The adapter's logging: a plain function, so that main.ts can hand in pino
// (or tests a collector). Bolt's and the Web API client's own log lines go
// through it as well; neither logs tokens or message bodies below debug.

export type LogLevelName = 'debug' | 'info' | 'warn' | 'error';
export type LogFn = (level: LogLevelName, msg: string, fields?: Record<string, unknown>) => void;

export const silentLog: LogFn = () => {};

const ORDER: LogLevelName[] = ['debug', 'info', 'warn', 'error'];

/** A Bolt Logger writing to `log`, at `level` and above. */
export function boltLogger(log: LogFn, initial: LogLevel = LogLevel.INFO): Logger {
  let level = initial;
  let name = 'slack';
  const at =
    (l: LogLevelName) =>
    (...msg: unknown[]) => {
      if (ORDER.indexOf(l) < ORDER.indexOf(level as LogLevelName)) return;
      log(
        l,
        msg.map((m) => (m instanceof Error ? m.message : typeof m === 'string' ? m : safeJson(m))).join(' '),
        {
          component: name,
        },
      );
    };
  return {
    debug: at('debug'),
    info: at('info'),
    warn: at('warn'),
    error: at('error'),
    setLevel: (l) => {
      level = l;
    },
    getLevel: () => level,
    setName: (n) => {
      name = n;
    },
  };
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value);
  } catch {
    return String(value);
  }
}
