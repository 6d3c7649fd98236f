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

// Which errors mean "the database is not answering" (refused, lost, or out of
// time) is the database module's to say; the adapters know it by this name.
export { isDatabaseUnavailable as isConnectionError } from '../db/unavailable.ts';
