import type { Log } from '../../src/platform/log.ts';

export type LogLine = {
  level: 'debug' | 'info' | 'warn' | 'error';
  msg: string;
  fields: Record<string, unknown>;
};

/** A Log that keeps every line, for tests that read what was logged. */
export function collectingLog(lines: LogLine[] = []): { log: Log; lines: LogLine[] } {
  const at = (level: LogLine['level']) => (fields: Record<string, unknown>, msg: string) => {
    lines.push({ level, msg, fields });
  };
  return { log: { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') }, lines };
}
