// Replies sent outside the outbox (the answer to what someone just did) are
// tried again by the adapter that sends them, since nothing else would. The
// loop is the same on every platform; what differs is which failures a
// retry can fix and how long the platform asks to wait, which each adapter
// says in its `retryWait`.

export type RetryPolicy = {
  /** Waits before the second, third… try. */
  delaysMs: readonly number[];
  /** A 429 that asks for a longer wait than this is not waited out. */
  maxWaitMs: number;
  sleep?: (ms: number) => Promise<void>;
};

/** How long to wait before trying again after `error`, or undefined when trying again cannot help. */
export type RetryWait = (error: unknown, fallbackMs: number) => number | undefined;

export async function withRetries<T>(
  send: () => Promise<T>,
  policy: RetryPolicy,
  retryWait: RetryWait,
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
