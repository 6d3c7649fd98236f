import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Dispatcher, DispatchResult } from '../../src/scheduler/dispatcher.ts';
import { createDispatcher } from '../../src/scheduler/dispatcher.ts';
import { installShutdown } from '../../src/scheduler/shutdown.ts';
import { createScheduler } from '../../src/scheduler/tick.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-db.ts';
import {
  compose,
  FakePort,
  fakeClock,
  insertCheckin,
  insertCycle,
  insertMember,
  insertNetwork,
  insertSite,
  settings,
} from './support/fixtures.ts';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.close());
beforeEach(() => t.reset());

const idle: DispatchResult = { sent: 0, retried: 0, failed: 0 };

/** A dispatcher that holds each pass open until the test lets it go. */
function heldDispatcher() {
  let passes = 0;
  let release: () => void = () => {};
  let stopped = false;
  const dispatcher: Dispatcher = {
    async dispatchDue() {
      passes++;
      await new Promise<void>((resolve) => {
        release = resolve;
      });
      return idle;
    },
    async stop() {
      stopped = true;
      release();
    },
  };
  return { dispatcher, passes: () => passes, release: () => release(), stopped: () => stopped };
}

describe('the scheduler tick', () => {
  it('plans, runs the extra jobs, then sends, at the time it is given', async () => {
    const networkId = await insertNetwork(t.db, { timeZone: 'UTC' });
    const siteId = await insertSite(t.db, networkId, { name: 'Site' });
    const m = await insertMember(t.db, { networkId, siteId });
    const cycleId = await insertCycle(t.db, {
      networkId,
      siteId,
      startsOn: '2026-11-30',
      endsOn: '2026-12-11',
    });
    const id = await insertCheckin(t.db, {
      cycleId,
      memberId: m.memberId,
      phase: 'do',
      dueAt: '2026-12-01T08:00:00Z',
    });
    const clock = fakeClock('2026-11-30T08:00:00Z');
    const port = new FakePort('slack', clock.now);
    const order: string[] = [];
    const scheduler = createScheduler({
      db: t.db,
      clock: clock.now,
      settings,
      dispatcher: createDispatcher({
        db: t.db,
        ports: new Map([['slack', port]]),
        clock: clock.now,
        owner: 'p1',
        leaseMs: 60_000,
        batchSize: 10,
        maxAttempts: 3,
      }),
      composePrompt: compose,
      cron: '* * * * *',
      extraJobs: [
        async (now) => {
          order.push(`digest at ${now.toISOString()}`);
        },
        async () => {
          throw new Error('broken job');
        },
      ],
    });
    const first = await scheduler.runOnce();
    expect(first).toMatchObject({ planned: { prompts: 0 }, dispatched: idle, errors: 1 });
    // The terminal's `clock +1d`: the clock moves, and one tick shows what would have been sent.
    clock.advance(24 * 3_600_000);
    const second = await scheduler.runOnce();
    expect(second).toMatchObject({ planned: { prompts: 1 }, dispatched: { sent: 1 } });
    expect(port.summaries()).toEqual([`prompt ${id}`]);
    expect(order).toEqual(['digest at 2026-11-30T08:00:00.000Z', 'digest at 2026-12-01T08:00:00.000Z']);
    await scheduler.stop();
    expect(await scheduler.runOnce()).toBeNull();
  });

  it('ticks on its cron schedule and skips ticks while the previous one is still at work', async () => {
    const held = heldDispatcher();
    const scheduler = createScheduler({
      db: t.db,
      clock: () => new Date(),
      settings,
      dispatcher: held.dispatcher,
      composePrompt: compose,
      cron: '* * * * * *', // every second
    });
    scheduler.start();
    await waitFor(() => held.passes() === 1, 3_000);
    await new Promise((resolve) => setTimeout(resolve, 2_200));
    expect(held.passes()).toBe(1); // two ticks came and were skipped
    held.release();
    await waitFor(() => held.passes() === 2, 3_000);
    await scheduler.stop();
    expect(held.stopped()).toBe(true);
    const passes = held.passes();
    await new Promise((resolve) => setTimeout(resolve, 1_200));
    expect(held.passes()).toBe(passes);
  });

  it('runOnce waits for a tick in progress instead of running beside it', async () => {
    const held = heldDispatcher();
    const scheduler = createScheduler({
      db: t.db,
      clock: () => new Date('2026-11-30T08:00:00Z'),
      settings,
      dispatcher: held.dispatcher,
      composePrompt: compose,
      cron: '* * * * *',
    });
    const first = scheduler.runOnce();
    const second = scheduler.runOnce();
    await waitFor(() => held.passes() === 1, 2_000);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(held.passes()).toBe(1);
    held.release();
    await first;
    await waitFor(() => held.passes() === 2, 2_000);
    held.release();
    await second;
    await scheduler.stop();
  });

  it('refuses a cron expression it cannot read', () => {
    expect(() =>
      createScheduler({
        db: t.db,
        clock: () => new Date(),
        settings,
        dispatcher: heldDispatcher().dispatcher,
        composePrompt: compose,
        cron: 'every minute',
      }),
    ).toThrow(/not a cron expression/);
  });
});

describe('shutdown on a signal', () => {
  it('runs every handler once, in order, carrying on past a failing one, then exits 0', async () => {
    const calls: string[] = [];
    const exits: number[] = [];
    const uninstall = installShutdown(
      [
        async () => {
          calls.push('scheduler');
        },
        () => {
          throw new Error('adapter would not close');
        },
        async () => {
          calls.push('database');
        },
      ],
      { signals: ['SIGUSR2'], exit: (code) => exits.push(code) },
    );
    try {
      process.emit('SIGUSR2', 'SIGUSR2');
      process.emit('SIGUSR2', 'SIGUSR2');
      await waitFor(() => exits.length > 0, 2_000);
      expect(calls).toEqual(['scheduler', 'database']);
      expect(exits).toEqual([0]);
    } finally {
      uninstall();
    }
  });
});

async function waitFor(condition: () => boolean, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > until) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
