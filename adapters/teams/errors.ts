import { DeliveryError } from '../../src/platform/platform-port.ts';

// How the Bot Connector's answers map to the outbox's three kinds of failure.
//
// permanent: 403 (the user removed or blocked the app, the bot was removed
//   from the team, BotNotInConversationRoster, BotDisabledByAdmin) and 404
//   (the conversation is gone): retrying cannot help, the person is unreachable.
// rate_limited: 429, waiting Retry-After (seconds or an HTTP date).
// transient: everything else (5xx, network errors, a refused token, 400 and
//   413 that may be our own mistake), tried again with backoff up to the
//   outbox's limit, so one bad message does not mark a person unreachable.

const PERMANENT_CODES = new Set([
  'BotNotInConversationRoster',
  'BotDisabledByAdmin',
  'ConversationBlockedByUser',
  'ConversationNotFound',
  'MessageWritesBlocked',
  'UserNotFound',
]);

const DEFAULT_RATE_LIMIT_MS = 1_000;

type ErrorLike = {
  statusCode?: unknown;
  code?: unknown;
  message?: unknown;
  details?: unknown;
  response?: { status?: unknown; headers?: unknown; bodyAsText?: unknown };
};

export function toDeliveryError(error: unknown, now: () => number = Date.now): DeliveryError {
  if (error instanceof DeliveryError) return error;
  const e = (typeof error === 'object' && error !== null ? error : {}) as ErrorLike;
  const status = typeof e.statusCode === 'number' ? e.statusCode : numberOr(e.response?.status);
  const code = errorCode(e);
  const what = describe(status, code, e);
  if (status === 429) {
    return new DeliveryError(
      'rate_limited',
      what,
      retryAfterMs(header(e, 'retry-after'), now) ?? DEFAULT_RATE_LIMIT_MS,
    );
  }
  if (status === 403 || status === 404 || (code !== undefined && PERMANENT_CODES.has(code))) {
    return new DeliveryError('permanent', what);
  }
  return new DeliveryError('transient', what);
}

function numberOr(value: unknown): number | undefined {
  return typeof value === 'number' ? value : undefined;
}

/** The Bot Connector's error code: `{ "error": { "code": "BotNotInConversationRoster", … } }`. */
function errorCode(e: ErrorLike): string | undefined {
  const fromDetails = (e.details as { error?: { code?: unknown } } | undefined)?.error?.code;
  if (typeof fromDetails === 'string') return fromDetails;
  const body = e.response?.bodyAsText;
  if (typeof body === 'string' && body.startsWith('{')) {
    try {
      const parsed = JSON.parse(body) as { error?: { code?: unknown } };
      if (typeof parsed.error?.code === 'string') return parsed.error.code;
    } catch {
      // not JSON after all
    }
  }
  return typeof e.code === 'string' ? e.code : undefined;
}

function header(e: ErrorLike, name: string): string | undefined {
  const headers = e.response?.headers as
    | { get?: (n: string) => unknown }
    | Record<string, unknown>
    | undefined;
  if (!headers) return undefined;
  const value =
    typeof (headers as { get?: unknown }).get === 'function'
      ? (headers as { get(n: string): unknown }).get(name)
      : (headers as Record<string, unknown>)[name];
  return typeof value === 'string' ? value : undefined;
}

/** Retry-After as milliseconds: a number of seconds, or an HTTP date. */
export function retryAfterMs(value: string | undefined, now: () => number = Date.now): number | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, Math.round(seconds * 1000));
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now());
}

function describe(status: number | undefined, code: string | undefined, e: ErrorLike): string {
  const message = typeof e.message === 'string' ? e.message.slice(0, 200) : 'no message';
  return `Teams ${status !== undefined ? `HTTP ${status}` : 'request failed'}${code ? ` (${code})` : ''}: ${message}`;
}
