// Retry delays for transient failures: exponential, capped, with "full
// jitter" (a uniformly random wait between zero and the exponential step), so
// that many rows failing together during a platform outage do not all come
// back in the same second and knock it over again.

export type BackoffPolicy = { baseMs: number; capMs: number };

export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 5_000, capMs: 15 * 60_000 };

/** The wait after the `attempt`-th failed try (1 = the first). */
export function retryDelayMs(
  attempt: number,
  policy: BackoffPolicy = DEFAULT_BACKOFF,
  random: () => number = Math.random,
): number {
  const step = Math.max(0, Math.floor(attempt) - 1);
  // 2 ** 60 would overflow the cap comparison into Infinity only far beyond
  // any real attempt count; clamping the exponent keeps the arithmetic exact.
  const ceiling = Math.min(policy.capMs, policy.baseMs * 2 ** Math.min(step, 40));
  return Math.floor(random() * ceiling);
}
