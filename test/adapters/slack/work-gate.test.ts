import { describe, expect, it } from 'vitest';
import { WorkGate } from '../../../adapters/slack/work-gate.ts';

// The work that follows an acknowledged command or button runs a few at a
// time, so that a burst of presses cannot starve the acknowledgement of the
// next request; the rest waits its turn, in the order it came.

function deferred() {
  let resolve!: () => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe('WorkGate', () => {
  it('runs at most its limit at once and starts the waiting ones in arrival order', async () => {
    const gate = new WorkGate(2);
    const started: number[] = [];
    const blockers = [0, 1, 2, 3].map(() => deferred());
    const runs = blockers.map((b, i) =>
      gate.run(async () => {
        started.push(i);
        await b.promise;
        return i;
      }),
    );
    await Promise.resolve();
    expect(started).toEqual([0, 1]);
    expect(gate.load).toEqual({ running: 2, waiting: 2 });
    blockers[1]!.resolve();
    await runs[1];
    await Promise.resolve();
    expect(started).toEqual([0, 1, 2]);
    blockers[0]!.resolve();
    blockers[2]!.resolve();
    blockers[3]!.resolve();
    expect(await Promise.all(runs)).toEqual([0, 1, 2, 3]);
    expect(started).toEqual([0, 1, 2, 3]);
    expect(gate.load).toEqual({ running: 0, waiting: 0 });
  });

  it('frees the place of a task that failed, and passes its error to whoever waited for it', async () => {
    const gate = new WorkGate(1);
    const first = deferred();
    const failing = gate.run(() => first.promise);
    const next = gate.run(async () => 'next');
    first.reject(new Error('Slack said no'));
    await expect(failing).rejects.toThrow('Slack said no');
    expect(await next).toBe('next');
    expect(gate.load).toEqual({ running: 0, waiting: 0 });
  });
});
