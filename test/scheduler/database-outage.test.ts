import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { textMessage } from '../../src/core/message-model.ts';
import { type OpenDatabase, openDatabase } from '../../src/db/connect.ts';
import { isDatabaseUnavailable } from '../../src/db/unavailable.ts';
import type { PlatformPort } from '../../src/platform/platform-port.ts';
import type { Dispatcher } from '../../src/scheduler/dispatcher.ts';
import { createDispatcher } from '../../src/scheduler/dispatcher.ts';
import { planDue } from '../../src/scheduler/planner.ts';
import { createScheduler } from '../../src/scheduler/tick.ts';
import { enqueueDelivery } from '../../src/store/deliveries/enqueue.ts';
import { type StallingProxy, startStallingProxy } from '../db/support/stalling-proxy.ts';
import { createTestDatabase, serverUrl, type TestDatabase } from '../support/test-db.ts';
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

// Every platform of this build, as main.ts lists them to the dispatcher.
const PLATFORMS = ['slack', 'teams', 'shell'];

// The planner, the dispatcher and the tick when PostgreSQL stops answering
// (frozen, stalled disk, silent partition): each gives up at once rather than
// waiting out a time limit per row, leaves nothing half-done, and the work is
// done once, and only once, when the database answers again. The scheduler
// reaches the server through a relay the test can stall.

describe.skipIf(!serverUrl)('the scheduler when the database stops answering', () => {
  let t: TestDatabase;
  let proxy: StallingProxy;
  let stalled: OpenDatabase;

  beforeAll(async () => {
    t = await createTestDatabase();
    proxy = await startStallingProxy(serverUrl!);
  });
  beforeEach(async () => {
    await t.reset();
    stalled = await openDatabase(
      { kind: 'postgres', url: proxy.url },
      { searchPath: t.schema!, poolSize: 4, timeouts: { statementMs: 5_000, queryMs: 300, connectMs: 300 } },
    );
  });
  afterEach(async () => {
    proxy.resume();
    await stalled.close();
  });
  afterAll(async () => {
    await proxy?.close();
    await t?.close();
  });

  const T0 = '2026-11-30T09:00:00.000Z';
  const freeze = () => proxy.stall({ newConnections: true });

  async function queue(n: number) {
    for (let i = 0; i < n; i++) {
      await enqueueDelivery(t.db, {
        kind: 'notice',
        dedupe_key: `r${i}`,
        platform: 'slack',
        address: { platform: 'slack', workspace: 'T1', channel: `D${i}` },
        payload: { type: 'message', message: textMessage(`r${i}`) },
        due_at: new Date(T0),
      });
    }
  }

  const statuses = async () =>
    (await t.db.selectFrom('deliveries').select('status').orderBy('id').execute()).map((r) => r.status);

  it('a send whose recording meets a database outage shorter than the lease is recorded when the database is back, and never sent again', async () => {
    await queue(1);
    const clock = fakeClock(T0);
    const platform = new FakePort('slack', clock.now);
    // The platform takes the message; at that moment the database freezes for 3 s.
    const port: PlatformPort = {
      platform: 'slack',
      async send(address, message) {
        const ref = await platform.send(address, message);
        freeze();
        setTimeout(() => proxy.resume(), 3_000);
        return ref;
      },
      update: (ref, message) => platform.update(ref, message),
    };
    const dispatcher = createDispatcher({
      db: stalled.db,
      ports: new Map([['slack', port]]),
      clock: clock.now,
      owner: 'p1',
      leaseMs: 20_000,
      batchSize: 10,
      maxAttempts: 4,
      pacing: { slack: null },
    });
    expect(await dispatcher.dispatchDue()).toEqual({ sent: 1, retried: 0, failed: 0 });
    expect(await statuses()).toEqual(['sent']);
    clock.advance(60_000);
    await dispatcher.dispatchDue();
    expect(platform.summaries()).toEqual(['r0']);
  });

  it('when the database stops answering mid-pass, the pass tries no further rows; a later pass sends each once', async () => {
    await queue(4);
    const clock = fakeClock(T0);
    const platform = new FakePort('slack', clock.now);
    // The dispatcher looks up each platform once per pass, then once per row it delivers.
    let lookups = 0;
    const dispatcher = createDispatcher({
      db: stalled.db,
      platforms: PLATFORMS,
      ports: (p) => {
        lookups++;
        if (lookups === PLATFORMS.length + 1) freeze();
        return p === 'slack' ? platform : undefined;
      },
      clock: clock.now,
      owner: 'p1',
      leaseMs: 20_000,
      batchSize: 10,
      maxAttempts: 4,
      concurrency: 1,
      pacing: { slack: null },
    });
    expect(await dispatcher.dispatchDue()).toEqual({ sent: 0, retried: 0, failed: 0 });
    expect(lookups - PLATFORMS.length).toBe(1);
    proxy.resume();
    // The rows could not even be given back: they wait for their leases to run out.
    clock.advance(30_000);
    await dispatcher.dispatchDue();
    expect(platform.summaries().sort()).toEqual(['r0', 'r1', 'r2', 'r3']);
    expect(await statuses()).toEqual(['sent', 'sent', 'sent', 'sent']);
  });

  it('planning that meets a database that stopped answering gives up at once and queues nothing; the next try plans every prompt', async () => {
    const networkId = await insertNetwork(t.db, { timeZone: 'UTC' });
    const siteId = await insertSite(t.db, networkId, { name: 'Site' });
    for (let i = 0; i < 3; i++) {
      const m = await insertMember(t.db, { networkId, siteId });
      const cycleId = await insertCycle(t.db, {
        networkId,
        siteId,
        startsOn: '2026-11-30',
        endsOn: '2026-12-11',
        ownerMemberId: m.memberId,
      });
      await insertCheckin(t.db, {
        cycleId,
        memberId: m.memberId,
        phase: 'plan',
        dueAt: '2026-11-30T08:00:00Z',
      });
    }
    let composed = 0;
    const error = await planDue({
      db: stalled.db,
      now: new Date(T0),
      settings,
      composePrompt: async (trx, checkinId, opts) => {
        composed++;
        freeze();
        return compose(trx, checkinId, opts);
      },
    }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(isDatabaseUnavailable(error)).toBe(true);
    // Not once more per check-in, each waiting out the time limit.
    expect(composed).toBe(1);
    expect(await statuses()).toEqual([]);
    proxy.resume();
    const planned = await planDue({ db: stalled.db, now: new Date(T0), settings, composePrompt: compose });
    expect(planned.prompts).toBe(3);
  });

  it('a tick that finds the database not answering gives up: no scheduled job, no sending; the next tick does both', async () => {
    const jobs: Date[] = [];
    let passes = 0;
    const dispatcher: Dispatcher = {
      async dispatchDue() {
        passes++;
        return { sent: 0, retried: 0, failed: 0 };
      },
      async stop() {},
    };
    const scheduler = createScheduler({
      db: stalled.db,
      clock: () => new Date(T0),
      settings,
      dispatcher,
      composePrompt: compose,
      cron: '* * * * *',
      extraJobs: [async (now) => void jobs.push(now)],
    });
    freeze();
    const first = await scheduler.runOnce();
    expect(first).toMatchObject({ planned: null, dispatched: null, errors: 1 });
    expect([jobs.length, passes]).toEqual([0, 0]);
    proxy.resume();
    const second = await scheduler.runOnce();
    expect(second).toMatchObject({ errors: 0, dispatched: { sent: 0 } });
    expect([jobs.length, passes]).toEqual([1, 1]);
    await scheduler.stop();
  });
});
