/** The part of a pino logger the scheduler uses; structured fields first, then a sentence. */
export type SchedulerLog = {
  info(fields: Record<string, unknown>, msg: string): void;
  warn(fields: Record<string, unknown>, msg: string): void;
  error(fields: Record<string, unknown>, msg: string): void;
};

export const silentLog: SchedulerLog = { info() {}, warn() {}, error() {} };

/** An error as a short string for logs and `last_error` (never a message body). */
export function describeError(error: unknown): string {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return text.length > 500 ? `${text.slice(0, 497)}...` : text;
}
