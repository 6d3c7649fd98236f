import { describe, expect, it } from 'vitest';
import { type RetryWait, withRetries } from '../../src/platform/reply-retries.ts';

// The one retry loop every adapter's replies go through: each platform only
// says which failures a retry can fix and how long to wait.

class Passing extends Error {}
class Lasting extends Error {}

const waitFor: RetryWait = (error, fallbackMs) =>
  error instanceof Passing ? fallbackMs : error instanceof Lasting ? undefined : 60_000;

function failing(errors: Error[]) {
  let calls = 0;
  return {
    calls: () => calls,
    send: async () => {
      const error = errors[calls++];
      if (error) throw error;
      return 'sent';
    },
  };
}

describe('withRetries', () => {
  it('tries again after a passing failure, waiting the policy’s delays in turn', async () => {
    const slept: number[] = [];
    const policy = { delaysMs: [10, 20], maxWaitMs: 1_000, sleep: async (ms: number) => void slept.push(ms) };
    const reply = failing([new Passing(), new Passing()]);
    expect(await withRetries(reply.send, policy, waitFor)).toBe('sent');
    expect(reply.calls()).toBe(3);
    expect(slept).toEqual([10, 20]);
  });

  it('gives up at once on a failure a retry cannot fix, and after the last delay', async () => {
    const policy = { delaysMs: [10], maxWaitMs: 1_000, sleep: async () => {} };
    const lasting = failing([new Lasting()]);
    await expect(withRetries(lasting.send, policy, waitFor)).rejects.toBeInstanceOf(Lasting);
    expect(lasting.calls()).toBe(1);
    const twice = failing([new Passing(), new Passing()]);
    await expect(withRetries(twice.send, policy, waitFor)).rejects.toBeInstanceOf(Passing);
    expect(twice.calls()).toBe(2);
  });

  it('does not wait out a platform that asks for longer than the policy allows', async () => {
    const policy = { delaysMs: [10], maxWaitMs: 1_000, sleep: async () => {} };
    const limited = failing([new Error('rate limited for a minute')]);
    await expect(withRetries(limited.send, policy, waitFor)).rejects.toThrow('rate limited');
    expect(limited.calls()).toBe(1);
  });
});
