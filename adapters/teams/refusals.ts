import type { Log } from '../../src/platform/log.ts';

// Every request the endpoint refuses is logged as one warn line with its
// reason, but a flood of forged requests must not fill the disk: at most
// `perWindow` lines per window, then one line that counts the rest.

export type Refusal = {
  /** 401 (not authenticated) or 503 (the token could not be checked now). */
  status: 401 | 503;
  /** Why, in a few words; never the request's body. */
  reason: string;
};

export type RefusalLog = (refusal: Refusal, fields?: Record<string, unknown>) => void;

export type RefusalLogOptions = {
  perWindow?: number;
  windowMs?: number;
  now?: () => number;
};

export function refusalLog(log: Log, options: RefusalLogOptions = {}): RefusalLog {
  const perWindow = options.perWindow ?? 20;
  const windowMs = options.windowMs ?? 60_000;
  const now = options.now ?? Date.now;
  let windowStart = -Infinity;
  let logged = 0;
  let unlogged = 0;
  let flush: NodeJS.Timeout | undefined;

  const summarize = () => {
    flush = undefined;
    if (unlogged === 0) return;
    log.warn(
      { refused: unlogged, windowSeconds: Math.round(windowMs / 1000) },
      'Teams: more requests were refused than are logged one by one',
    );
    unlogged = 0;
  };

  return (refusal, fields = {}) => {
    const at = now();
    if (at - windowStart >= windowMs) {
      if (flush) clearTimeout(flush);
      summarize();
      windowStart = at;
      logged = 0;
    }
    if (logged < perWindow) {
      logged++;
      log.warn({ status: refusal.status, reason: refusal.reason, ...fields }, 'Teams: a request was refused');
      return;
    }
    unlogged++;
    // The count is written when the window ends, even if the flood stops.
    flush ??= setTimeout(summarize, Math.max(0, windowStart + windowMs - at)).unref();
  };
}
