import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Address } from '../../src/core/address.ts';
import type { Platform } from '../../src/core/domain.ts';
import { textMessage } from '../../src/core/message-model.ts';
import { openDatabase } from '../../src/db/connect.ts';
import { DeliveryError } from '../../src/platform/platform-port.ts';
import {
  createDispatcher,
  type DispatcherOptions,
  type FailedDelivery,
} from '../../src/scheduler/dispatcher.ts';
import { markSent } from '../../src/scheduler/settle.ts';
import { claimDue, confirmClaim } from '../../src/store/deliveries/claim.ts';
import { enqueueDelivery } from '../../src/store/deliveries/enqueue.ts';
import type { DeliveryPayload } from '../../src/store/deliveries/payload.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-db.ts';
import {
  FakePort,
  fakeClock,
  insertCheckin,
  insertCycle,
  insertMember,
  insertNetwork,
  insertSite,
} from './support/fixtures.ts';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.close());
beforeEach(() => t.reset());

const T0 = '2026-11-30T14:00:00.000Z';

function dm(n: number | string, platform: Platform = 'slack'): Address {
  return { platform, workspace: 'T1', channel: `D${n}` };
}

async function queue(
  key: string,
  opts: {
    platform?: Platform;
    address?: Address;
    dueAt?: string;
    payload?: DeliveryPayload;
    personId?: number;
    checkinId?: number;
    kind?: string;
  } = {},
) {
  const platform = opts.platform ?? 'slack';
  await enqueueDelivery(t.db, {
    kind: opts.kind ?? 'notice',
    dedupe_key: key,
    platform,
    address: opts.address ?? dm(key, platform),
    person_id: opts.personId ?? null,
    checkin_id: opts.checkinId ?? null,
    payload: opts.payload ?? { type: 'message', message: textMessage(key) },
    due_at: new Date(opts.dueAt ?? T0),
  });
}

const row = (key: string) =>
  t.db.selectFrom('deliveries').selectAll().where('dedupe_key', '=', key).executeTakeFirstOrThrow();

function setup(overrides: Partial<DispatcherOptions> = {}) {
  const clock = fakeClock(T0);
  const port = new FakePort('slack', clock.now);
  const dispatcher = createDispatcher({
    db: t.db,
    ports: new Map([['slack', port]]),
    clock: clock.now,
    owner: 'p1',
    leaseMs: 60_000,
    batchSize: 10,
    maxAttempts: 4,
    pacing: { slack: null },
    random: () => 0.5,
    ...overrides,
  });
  return { clock, port, dispatcher };
}

describe('the outbox dispatcher', () => {
  it('sends due rows once, records the platform reference, and leaves rows not yet due', async () => {
    await queue('a');
    await queue('b');
    await queue('later', { dueAt: '2026-11-30T15:00:00Z' });
    const { dispatcher, port, clock } = setup();
    expect(await dispatcher.dispatchDue()).toEqual({ sent: 2, retried: 0, failed: 0 });
    expect(await dispatcher.dispatchDue()).toEqual({ sent: 0, retried: 0, failed: 0 });
    expect(port.summaries()).toEqual(['a', 'b']);
    expect(await row('a')).toMatchObject({
      status: 'sent',
      attempts: 1,
      lease_owner: null,
      lease_expires_at: null,
      message_ref: port.sent[0]!.ref,
    });
    expect((await row('a')).sent_at?.toISOString()).toBe(T0);
    expect(await row('later')).toMatchObject({ status: 'pending', attempts: 0 });
    clock.set('2026-11-30T15:00:00Z');
    await dispatcher.dispatchDue();
    expect(port.summaries()).toEqual(['a', 'b', 'later']);
  });

  it('never sends a row twice when two dispatchers race for 200 due rows', async () => {
    for (let i = 0; i < 200; i++) await queue(`r${i}`);
    // On the server each dispatcher has its own connection pool, as two processes would.
    const second =
      t.kind === 'postgres'
        ? await openDatabase({ kind: 'postgres', url: t.url! }, { searchPath: t.schema!, poolSize: 5 })
        : undefined;
    const clock = fakeClock(T0);
    const sent: string[] = [];
    const latency = () => new Promise<void>((resolve) => setTimeout(resolve, Math.random() * 3));
    const ports = [
      new FakePort('slack', clock.now, latency),
      new FakePort('slack', clock.now, latency),
    ] as const;
    const make = (i: 0 | 1) =>
      createDispatcher({
        db: i === 1 && second ? second.db : t.db,
        ports: new Map([['slack', ports[i]]]),
        clock: clock.now,
        owner: `process-${i}`,
        leaseMs: 60_000,
        batchSize: 15,
        maxAttempts: 4,
        concurrency: 6,
        pacing: { slack: null },
      });
    try {
      const [a, b] = await Promise.all([make(0).dispatchDue(), make(1).dispatchDue()]);
      for (const port of ports) sent.push(...port.summaries());
      expect(a.sent + b.sent).toBe(200);
      expect(sent).toHaveLength(200);
      expect(new Set(sent).size).toBe(200);
      if (t.kind === 'postgres') expect(Math.min(a.sent, b.sent)).toBeGreaterThan(0);
      const statuses = await t.db.selectFrom('deliveries').select(['status', 'attempts']).execute();
      expect(statuses.every((s) => s.status === 'sent' && s.attempts === 1)).toBe(true);
    } finally {
      await second?.close();
    }
  });

  it('sends a row claimed by a process that then died, once its lease has run out', async () => {
    await queue('orphan');
    const crashed = await claimDue(t.db, {
      owner: 'crashed',
      now: new Date(T0),
      leaseMs: 60_000,
      limit: 10,
      platforms: ['slack'],
    });
    expect(crashed.map((r) => r.dedupe_key)).toEqual(['orphan']);
    const { dispatcher, port, clock } = setup({ owner: 'survivor' });

    clock.set('2026-11-30T14:00:59Z');
    expect((await dispatcher.dispatchDue()).sent).toBe(0);
    clock.set('2026-11-30T14:01:01Z');
    expect((await dispatcher.dispatchDue()).sent).toBe(1);
    expect(port.summaries()).toEqual(['orphan']);
    expect(await row('orphan')).toMatchObject({ status: 'sent', attempts: 2, lease_owner: null });

    // The dead process coming back cannot overwrite what the survivor did.
    expect(await markSent(t.db, crashed[0]!, 'crashed', new Date(), { ts: 'late' })).toBe(false);
    expect((await row('orphan')).message_ref).toEqual(port.sent[0]!.ref);
  });

  it('honours Retry-After on a 429, which never gives a row up by itself', async () => {
    await queue('busy');
    const { dispatcher, port, clock } = setup({ maxAttempts: 1 });
    port.failures.push(new DeliveryError('rate_limited', 'ratelimited', 30_000));
    expect(await dispatcher.dispatchDue()).toEqual({ sent: 0, retried: 1, failed: 0 });
    const waiting = await row('busy');
    expect(waiting).toMatchObject({ status: 'pending', attempts: 1, lease_owner: null });
    expect(waiting.last_error).toContain('ratelimited');
    expect(new Date(waiting.due_at).toISOString()).toBe('2026-11-30T14:00:30.000Z');

    clock.set('2026-11-30T14:00:29Z');
    expect((await dispatcher.dispatchDue()).sent).toBe(0);
    clock.set('2026-11-30T14:00:30Z');
    // maxAttempts is 1, yet the rate-limited try did not fail the row.
    expect((await dispatcher.dispatchDue()).sent).toBe(1);
    expect(await row('busy')).toMatchObject({ status: 'sent', attempts: 2 });
  });

  it('retries transient failures with exponential backoff and full jitter, then gives up after maxAttempts', async () => {
    await queue('flaky');
    await queue('doomed', { address: dm('other') });
    const failures: FailedDelivery[] = [];
    const { dispatcher, port, clock } = setup({
      maxAttempts: 3,
      concurrency: 1,
      onPermanentFailure: (f) => {
        failures.push(f);
      },
    });
    // random() is 0.5: half of 5 s, 10 s, ...
    port.failures.push(
      new DeliveryError('transient', 'timeout'),
      new Error('socket hang up'),
      new DeliveryError('transient', 'timeout'),
      new DeliveryError('transient', 'timeout'),
      new DeliveryError('transient', 'timeout'),
    );
    expect(await dispatcher.dispatchDue()).toEqual({ sent: 0, retried: 2, failed: 0 });
    expect(new Date((await row('flaky')).due_at).toISOString()).toBe('2026-11-30T14:00:02.500Z');
    expect((await row('doomed')).last_error).toBe('Error: socket hang up');

    clock.set('2026-11-30T14:00:02.500Z');
    expect(await dispatcher.dispatchDue()).toEqual({ sent: 0, retried: 2, failed: 0 });
    expect(new Date((await row('flaky')).due_at).toISOString()).toBe('2026-11-30T14:00:07.500Z');

    clock.set('2026-11-30T14:00:07.500Z');
    // The third failure of each is the last: flaky fails, doomed would too, but the port has recovered.
    const third = await dispatcher.dispatchDue();
    expect(third).toEqual({ sent: 1, retried: 0, failed: 1 });
    expect(await row('flaky')).toMatchObject({ status: 'failed', attempts: 3 });
    expect((await row('flaky')).last_error).toBe('gave up after 3 attempts: timeout');
    expect(await row('doomed')).toMatchObject({ status: 'sent', attempts: 3 });
    expect(failures.map((f) => [f.delivery.dedupe_key, f.cause])).toEqual([['flaky', 'attempts']]);
  });

  it('marks the person unreachable when the platform refuses for good, and plans no more prompts for them', async () => {
    const networkId = await insertNetwork(t.db, { timeZone: 'UTC' });
    const siteId = await insertSite(t.db, networkId, { name: 'Site' });
    const m = await insertMember(t.db, { networkId, siteId });
    const cycleId = await insertCycle(t.db, {
      networkId,
      siteId,
      startsOn: '2026-11-30',
      endsOn: '2026-12-11',
    });
    const checkinId = await insertCheckin(t.db, { cycleId, memberId: m.memberId, phase: 'do', dueAt: T0 });
    await queue('gone', { personId: m.personId, checkinId, kind: 'prompt', address: m.address! });
    const failures: FailedDelivery[] = [];
    const { dispatcher, port } = setup({ onPermanentFailure: (f) => void failures.push(f) });
    port.failures.push(new DeliveryError('permanent', 'user_not_found'));

    expect(await dispatcher.dispatchDue()).toEqual({ sent: 0, retried: 0, failed: 1 });
    expect(await row('gone')).toMatchObject({
      status: 'failed',
      last_error: 'user_not_found',
      lease_owner: null,
    });
    const person = await t.db
      .selectFrom('people')
      .selectAll()
      .where('id', '=', m.personId)
      .executeTakeFirstOrThrow();
    expect(person.unreachable_at?.toISOString()).toBe(T0);
    expect(person.unreachable_reason).toBe('user_not_found');
    expect(failures.map((f) => [f.delivery.dedupe_key, f.cause, f.reason])).toEqual([
      ['gone', 'permanent', 'user_not_found'],
    ]);
    const checkin = await t.db
      .selectFrom('checkins')
      .selectAll()
      .where('id', '=', checkinId)
      .executeTakeFirstOrThrow();
    expect(checkin.prompted_at).toBeNull();
  });

  it('sets the check-in prompted_at when its prompt is sent, keeping the first time', async () => {
    const networkId = await insertNetwork(t.db, { timeZone: 'UTC' });
    const siteId = await insertSite(t.db, networkId, { name: 'Site' });
    const m = await insertMember(t.db, { networkId, siteId });
    const cycleId = await insertCycle(t.db, {
      networkId,
      siteId,
      startsOn: '2026-11-30',
      endsOn: '2026-12-11',
    });
    const checkinId = await insertCheckin(t.db, { cycleId, memberId: m.memberId, phase: 'do', dueAt: T0 });
    await queue('p', { kind: 'prompt', checkinId });
    await queue('r', { kind: 'reminder', checkinId, dueAt: '2026-12-01T14:00:00Z' });
    const { dispatcher, clock } = setup();
    await dispatcher.dispatchDue();
    clock.set('2026-12-01T14:00:00Z');
    await dispatcher.dispatchDue();
    const checkin = await t.db
      .selectFrom('checkins')
      .selectAll()
      .where('id', '=', checkinId)
      .executeTakeFirstOrThrow();
    expect(checkin.prompted_at?.toISOString()).toBe(T0);
  });

  it('leaves rows for a platform it has no adapter for, saying why, for a process that has one', async () => {
    await queue('teams-row', { platform: 'teams' });
    // This build knows Teams, but this process runs only Slack.
    const { dispatcher } = setup({ platforms: ['slack', 'teams', 'shell'] });
    expect(await dispatcher.dispatchDue()).toEqual({ sent: 0, retried: 0, failed: 0 });
    const waiting = await row('teams-row');
    expect(waiting).toMatchObject({ status: 'pending', attempts: 0, lease_owner: null });
    expect(waiting.last_error).toContain('teams adapter');

    const clock = fakeClock(T0);
    const teams = new FakePort('teams', clock.now);
    const other = createDispatcher({
      db: t.db,
      platforms: ['slack', 'teams', 'shell'],
      ports: (p) => (p === 'teams' ? teams : undefined),
      clock: clock.now,
      owner: 'p2',
      leaseMs: 60_000,
      batchSize: 10,
      maxAttempts: 3,
      pacing: { teams: null },
    });
    expect((await other.dispatchDue()).sent).toBe(1);
    expect(teams.summaries()).toEqual(['teams-row']);
  });

  it('replies in the thread of the parent message, waiting while the parent is unsent', async () => {
    await queue('parent', { dueAt: '2026-11-30T14:05:00Z' });
    await queue('child', {
      payload: { type: 'message', message: textMessage('child'), threadOf: 'parent' },
      address: dm('parent'),
    });
    const { dispatcher, port, clock } = setup({ threadWaitMs: 60_000 });
    await dispatcher.dispatchDue();
    expect(port.sent).toHaveLength(0);
    const child = await row('child');
    expect(child).toMatchObject({ status: 'pending', attempts: 0, lease_owner: null });
    expect(new Date(child.due_at).toISOString()).toBe('2026-11-30T14:01:00.000Z');

    // Both are due now and claimed together: the reply waits for its parent in the same pass.
    clock.set('2026-11-30T14:05:00Z');
    expect((await dispatcher.dispatchDue()).sent).toBe(2);
    expect(port.summaries()).toEqual(['parent', 'child']);
    expect(port.sent[1]!.threadOf).toEqual(port.sent[0]!.ref);
  });

  it('does not mark the person unreachable when only an edit of an old message is refused', async () => {
    const networkId = await insertNetwork(t.db, { timeZone: 'UTC' });
    const siteId = await insertSite(t.db, networkId, { name: 'Site' });
    const m = await insertMember(t.db, { networkId, siteId });
    await queue('edit', {
      personId: m.personId,
      payload: { type: 'update', ref: { ts: '1.2' }, message: textMessage('answered') },
    });
    const { dispatcher, port } = setup();
    port.failures.push(new DeliveryError('permanent', 'message_not_found'));
    expect(await dispatcher.dispatchDue()).toEqual({ sent: 0, retried: 0, failed: 1 });
    const person = await t.db
      .selectFrom('people')
      .selectAll()
      .where('id', '=', m.personId)
      .executeTakeFirstOrThrow();
    expect(person.unreachable_at).toBeNull();
  });

  it('updates a sent message, and fails a row it cannot read without retrying it', async () => {
    await queue('update', {
      payload: { type: 'update', ref: { ts: '123.4' }, message: textMessage('answered') },
    });
    await t.db
      .insertInto('deliveries')
      .values({
        kind: 'notice',
        dedupe_key: 'garbled',
        platform: 'slack',
        address: dm(1),
        // A row of a kind this version does not know (written by a newer one).
        payload: { type: 'carrier-pigeon' } as unknown as DeliveryPayload,
        due_at: new Date(T0),
      })
      .execute();
    const { dispatcher, port } = setup();
    expect(await dispatcher.dispatchDue()).toEqual({ sent: 1, retried: 0, failed: 1 });
    expect(port.updates).toEqual([{ ref: { ts: '123.4' }, message: textMessage('answered') }]);
    expect(await row('update')).toMatchObject({ status: 'sent', message_ref: { ts: '123.4' } });
    expect(await row('garbled')).toMatchObject({ status: 'failed', attempts: 1 });
    expect((await row('garbled')).last_error).toContain('not a delivery this version can send');
  });

  it('does not send a row cancelled after it was claimed', async () => {
    await queue('x');
    const [claimed] = await claimDue(t.db, {
      owner: 'p1',
      now: new Date(T0),
      leaseMs: 60_000,
      limit: 1,
      platforms: ['slack'],
    });
    await t.db.updateTable('deliveries').set({ status: 'cancelled' }).where('id', '=', claimed!.id).execute();
    expect(await confirmClaim(t.db, claimed!.id, { owner: 'p1', now: new Date(T0), leaseMs: 60_000 })).toBe(
      false,
    );
  });

  it('on stop, finishes the send in flight and gives back the rows not yet tried', async () => {
    for (let i = 0; i < 5; i++) await queue(`s${i}`, { address: dm('same') });
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const clock = fakeClock(T0);
    const port = new FakePort('slack', clock.now, () => gate);
    const dispatcher = createDispatcher({
      db: t.db,
      ports: new Map([['slack', port]]),
      clock: clock.now,
      owner: 'p1',
      leaseMs: 60_000,
      batchSize: 5,
      maxAttempts: 3,
      pacing: { slack: null },
    });
    const pass = dispatcher.dispatchDue();
    await new Promise((resolve) => setTimeout(resolve, 50));
    const stopping = dispatcher.stop();
    release();
    await stopping;
    expect(await pass).toEqual({ sent: 1, retried: 0, failed: 0 });
    const rows = await t.db.selectFrom('deliveries').selectAll().orderBy('id').execute();
    expect(rows.map((r) => [r.status, r.attempts, r.lease_owner])).toEqual([
      ['sent', 1, null],
      ['pending', 0, null],
      ['pending', 0, null],
      ['pending', 0, null],
      ['pending', 0, null],
    ]);
    expect(await dispatcher.dispatchDue()).toEqual({ sent: 0, retried: 0, failed: 0 });
  });

  it('paces sends to one conversation and keeps them in order, while other conversations go in parallel', async () => {
    for (let i = 0; i < 3; i++) await queue(`same${i}`, { address: dm('same') });
    for (let i = 0; i < 3; i++) await queue(`other${i}`);
    const realTimes = new Map<string, number>();
    const clock = fakeClock(T0);
    const port = new FakePort('slack', clock.now);
    const send = port.send.bind(port);
    port.send = async (address, message, options) => {
      realTimes.set(message.summary, performance.now());
      return send(address, message, options);
    };
    const dispatcher = createDispatcher({
      db: t.db,
      ports: new Map([['slack', port]]),
      clock: clock.now,
      owner: 'p1',
      leaseMs: 60_000,
      batchSize: 10,
      maxAttempts: 3,
      pacing: {
        slack: { conversation: { perSecond: 10, burst: 1 }, workspace: { perSecond: 1000, burst: 100 } },
      },
    });
    await dispatcher.dispatchDue();
    const same = [0, 1, 2].map((i) => realTimes.get(`same${i}`)!);
    // 10 a second: 100 ms between the pacer's tokens. The times are taken as
    // the port is called, a database round trip after the token, which on a
    // busy server moves each by a few milliseconds either way; unpaced, the
    // gaps would be about 0.
    expect(same[1]! - same[0]!).toBeGreaterThanOrEqual(80);
    expect(same[2]! - same[1]!).toBeGreaterThanOrEqual(80);
    expect(same[2]! - same[0]!).toBeGreaterThanOrEqual(180);
    // The other conversation's sends do not queue behind this one's pacing:
    // all three start before the second send here may (not a timing bound,
    // which a loaded machine would break, but an order).
    for (let i = 0; i < 3; i++) expect(realTimes.get(`other${i}`)!).toBeLessThan(same[1]!);
    expect(port.summaries().filter((s) => s.startsWith('same'))).toEqual(['same0', 'same1', 'same2']);
  });
});
