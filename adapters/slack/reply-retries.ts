import { ErrorCode, webApi } from '@slack/bolt';
import { type RetryPolicy, withRetries } from '../../src/platform/reply-retries.ts';
import { toDeliveryError } from './errors.ts';

// Replies to what someone did (the confirmation of a saved answer, the
// answer to a command) are sent after the event was acknowledged, outside
// the outbox, so nothing else would try them again. They are tried a few
// times when Slack or the network fails in passing (5xx, a 429 with a short
// wait, a reset connection); an error that a retry cannot fix (a refused
// payload, a removed app) fails at once. Sending twice is possible only
// when Slack took a message but its answer was lost, and costs a repeated
// confirmation, never a repeated answer: the answer was saved before.

export const REPLY_RETRIES: RetryPolicy = { delaysMs: [500, 2_000], maxWaitMs: 10_000 };

export function withReplyRetries<T>(send: () => Promise<T>, policy: RetryPolicy = REPLY_RETRIES): Promise<T> {
  return withRetries(send, policy, retryWait);
}

/** How long to wait before trying again, or undefined when trying again cannot help. */
export function retryWait(error: unknown, fallbackMs: number): number | undefined {
  if (error instanceof webApi.WebAPIRequestError) return fallbackMs;
  if (error instanceof webApi.WebAPIHTTPError && error.statusCode >= 500) return fallbackMs;
  // Rate limits, however Slack says them, are read as the outbox reads them.
  if (
    error instanceof webApi.WebAPIRateLimitedError ||
    error instanceof webApi.WebAPIPlatformError ||
    error instanceof webApi.WebAPIHTTPError
  ) {
    const failure = toDeliveryError(error);
    return failure.kind === 'rate_limited' ? failure.retryAfterMs : undefined;
  }
  // A response_url post (Bolt's respond, over fetch): a status, or a network failure.
  const respondError = error as { code?: unknown; statusCode?: unknown };
  if (respondError?.code === ErrorCode.RespondError && typeof respondError.statusCode === 'number') {
    return respondError.statusCode === 429 || respondError.statusCode >= 500 ? fallbackMs : undefined;
  }
  if (error instanceof TypeError && error.message === 'fetch failed') return fallbackMs;
  return undefined;
}
