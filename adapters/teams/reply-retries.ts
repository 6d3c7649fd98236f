import { type RetryPolicy, withRetries } from '../../src/platform/reply-retries.ts';
import { toDeliveryError } from './errors.ts';

// Replies sent during a turn (the answer to a command, the confirmation of
// a saved answer, a card marked as answered) go straight to the Bot
// Connector, outside the outbox, and botbuilder's own retries are removed
// (authentication.ts), so nothing else would try them again. A connection
// that the connector closes as the bot sends (its keep-alive runs out: the
// Agents Playground's after 5 s), a 5xx, or a 429 with a short wait is
// tried again a few times; an error a retry cannot fix (403, 404, a refused
// payload) fails at once. Sending twice is possible only when the connector
// took a message and its answer was lost, and costs a repeated reply, never
// a repeated answer: the answer was saved before.

export const REPLY_RETRIES: RetryPolicy = { delaysMs: [250, 1_000, 3_000], maxWaitMs: 10_000 };

export function withReplyRetries<T>(send: () => Promise<T>, policy: RetryPolicy = REPLY_RETRIES): Promise<T> {
  return withRetries(send, policy, retryWait);
}

/** Codes of a request that never got an answer (Node's and @azure/core-rest-pipeline's). */
const NETWORK_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'EAI_AGAIN',
  'UND_ERR_SOCKET',
  'REQUEST_SEND_ERROR',
]);

/** How long to wait before trying again, or undefined when trying again cannot help. */
export function retryWait(error: unknown, fallbackMs: number): number | undefined {
  const e = (typeof error === 'object' && error !== null ? error : {}) as {
    statusCode?: unknown;
    code?: unknown;
    message?: unknown;
  };
  if (typeof e.statusCode === 'number') {
    if (e.statusCode === 429) return toDeliveryError(error).retryAfterMs ?? fallbackMs;
    return e.statusCode >= 500 || e.statusCode === 408 ? fallbackMs : undefined;
  }
  if (typeof e.code === 'string' && NETWORK_CODES.has(e.code)) return fallbackMs;
  return e.message === 'socket hang up' ? fallbackMs : undefined;
}
