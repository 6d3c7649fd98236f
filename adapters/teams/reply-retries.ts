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

export type RetryPolicy = {
  /** Waits before the second, third… try. */
  delaysMs: readonly number[];
  /** A 429 that asks for a longer wait than this is not waited out. */
  maxWaitMs: number;
  sleep?: (ms: number) => Promise<void>;
};

export const REPLY_RETRIES: RetryPolicy = { delaysMs: [250, 1_000, 3_000], maxWaitMs: 10_000 };

export async function withReplyRetries<T>(
  send: () => Promise<T>,
  policy: RetryPolicy = REPLY_RETRIES,
): Promise<T> {
  const sleep = policy.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  for (let attempt = 0; ; attempt++) {
    try {
      return await send();
    } catch (error) {
      const fallback = policy.delaysMs[attempt];
      if (fallback === undefined) throw error;
      const wait = retryWait(error, fallback);
      if (wait === undefined || wait > policy.maxWaitMs) throw error;
      await sleep(wait);
    }
  }
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
