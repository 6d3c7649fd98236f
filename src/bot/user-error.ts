/**
 * A mistake the person can fix. Thrown anywhere in a handler, it rolls the
 * event's transaction back and its message is shown to the person as is, so
 * it must say what was wrong and what to type instead.
 */
export class UserError extends Error {
  override name = 'UserError';
}

/** Refuses text longer than `max` characters, naming what it is and the limit. */
export function limitLength(text: string, max: number, what: string): string {
  if (text.length > max) {
    throw new UserError(`The ${what} is ${text.length} characters long; keep it to ${max} or fewer.`);
  }
  return text;
}

/** The database could not be reached: nothing was saved; the platform should retry or tell the user. */
export class DatabaseUnavailableError extends Error {
  override name = 'DatabaseUnavailableError';
}

const CONNECTION_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EHOSTUNREACH',
  '57P01',
  '57P02',
  '57P03',
  '08000',
  '08001',
  '08003',
  '08006',
]);

/** True for errors that mean "the database is not there", as opposed to a bug or a constraint. */
export function isConnectionError(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: string }).code;
  if (code && CONNECTION_CODES.has(code)) return true;
  if (error instanceof AggregateError) return error.errors.some(isConnectionError);
  return /Connection terminated|connection timeout|timeout exceeded when trying to connect|Client has encountered a connection error|PGlite is closed|database is closed/i.test(
    error.message,
  );
}
