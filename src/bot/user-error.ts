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

/**
 * What a person is told on every platform when their command, button or
 * form could not be handled: that nothing was saved, and what to do again
 * (`retry`: "type `/pdsa start`", "press the button"; "try" by default).
 */
export function nothingSavedText(error: unknown, retry = 'try'): string {
  return error instanceof DatabaseUnavailableError
    ? `The database is not reachable, so nothing was saved. Please ${retry} again in a minute.`
    : `Something went wrong on my side and nothing was saved. Please ${retry} again, or type \`/pdsa help\`.`;
}
