import { describe, expect, it } from 'vitest';
import { DatabaseUnavailableError, nothingSavedText } from '../../src/bot/user-error.ts';

// Slack, Teams and the terminal all tell a person the same thing when their
// event could not be handled: nothing was saved, and what to do again.

describe('the "nothing was saved" message', () => {
  it('says the database is not reachable, and to try again in a minute', () => {
    expect(nothingSavedText(new DatabaseUnavailableError('down'), 'press the button')).toBe(
      'The database is not reachable, so nothing was saved. Please press the button again in a minute.',
    );
  });

  it('says something went wrong, without the error’s own words, and points to help', () => {
    const text = nothingSavedText(new Error('relation "cycles" does not exist'));
    expect(text).toBe(
      'Something went wrong on my side and nothing was saved. Please try again, or type `/pdsa help`.',
    );
  });
});
