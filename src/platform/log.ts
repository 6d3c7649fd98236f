/**
 * The one logger shape the scheduler, the adapters and the start-up share:
 * the part of a pino logger they use, structured fields first, then a
 * sentence. Never a message body or a token.
 */
export type Log = {
  debug(fields: Record<string, unknown>, msg: string): void;
  info(fields: Record<string, unknown>, msg: string): void;
  warn(fields: Record<string, unknown>, msg: string): void;
  error(fields: Record<string, unknown>, msg: string): void;
};

export const silentLog: Log = { debug() {}, info() {}, warn() {}, error() {} };

/** An error as a short string for logs and `last_error` (never a message body). */
export function describeError(error: unknown): string {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return text.length > 500 ? `${text.slice(0, 497)}...` : text;
}
