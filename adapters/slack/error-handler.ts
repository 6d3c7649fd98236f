import { AuthorizationError } from '@slack/bolt';
import { DatabaseUnavailableError, isConnectionError, nothingSavedText } from '../../src/bot/user-error.ts';
import type { Log } from '../../src/platform/log.ts';

// Bolt's last stop for an error no listener handled. It is rethrown, so that
// Bolt's receiver does not acknowledge the request: HTTP answers 500 and
// Socket Mode leaves the envelope unacked, and Slack sends the event again.
// The one exception is a slash command that could not even be authorized
// because the installation store is down: the person is told, through the
// response_url, that nothing was saved.

export function databaseDown(error: unknown): boolean {
  const original = originalOf(error);
  return original instanceof DatabaseUnavailableError || isConnectionError(original);
}

function originalOf(error: unknown): unknown {
  let current: unknown = error;
  for (let i = 0; i < 5; i += 1) {
    if (current instanceof AuthorizationError) current = current.original;
    else if (current && typeof current === 'object' && 'original' in current && current.original) {
      current = (current as { original: unknown }).original;
    } else break;
  }
  return current;
}

type Body = { command?: string; text?: string; response_url?: string; type?: string };

export function errorHandler(log: Log, fetchFn: typeof fetch = fetch) {
  return async ({ error, body }: { error: Error; body?: unknown }): Promise<void> => {
    const original = originalOf(error);
    const down = databaseDown(error);
    const b = (body ?? {}) as Body;
    log[down ? 'warn' : 'error'](
      {
        error: (original as Error)?.name,
        reason: (original as Error)?.message,
        type: b.type ?? (b.command ? 'slash_command' : undefined),
      },
      down ? 'database unavailable; Slack will retry' : 'Slack event failed',
    );
    if (down && b.command && b.response_url) {
      const retry = `type \`${b.command}${b.text ? ` ${b.text}` : ''}\``;
      await fetchFn(b.response_url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          response_type: 'ephemeral',
          text: nothingSavedText(new DatabaseUnavailableError(''), retry),
        }),
      }).catch(() => undefined);
      return;
    }
    throw down && !(original instanceof DatabaseUnavailableError)
      ? new DatabaseUnavailableError('The database is not reachable.', { cause: original })
      : error;
  };
}
