import { type Logger, LogLevel } from '@slack/bolt';
import type { Log } from '../../src/platform/log.ts';

// Bolt's and the Web API client's own log lines go through the adapter's
// Log as well; neither logs tokens or message bodies below debug.

type LogLevelName = 'debug' | 'info' | 'warn' | 'error';

const ORDER: LogLevelName[] = ['debug', 'info', 'warn', 'error'];

/** A Bolt Logger writing to `log`, at `level` and above. */
export function boltLogger(log: Log, initial: LogLevel = LogLevel.INFO): Logger {
  let level = initial;
  let name = 'slack';
  const at =
    (l: LogLevelName) =>
    (...msg: unknown[]) => {
      if (ORDER.indexOf(l) < ORDER.indexOf(level as LogLevelName)) return;
      log[l](
        { component: name },
        msg.map((m) => (m instanceof Error ? m.message : typeof m === 'string' ? m : safeJson(m))).join(' '),
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
