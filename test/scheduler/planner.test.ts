import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { planCyclePrompts } from '../../src/core/schedule/cycle-schedule.ts';
import type { SchoolCalendar } from '../../src/core/schedule/school-calendar.ts';
import type { BotSettings } from '../../src/core/settings.ts';
import { createDispatcher } from '../../src/scheduler/dispatcher.ts';
import { planDue } from '../../src/scheduler/planner.ts';
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
  local,
  settings,
  wallClock,
} from './support/fixtures.ts';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.close());
beforeEach(() => t.reset());

const HOUR = 3_600_000;

/** Runs the planner every `stepMinutes` from `from` to `to`; returns when each prompt row first appeared. */
async function planEvery(
  from: Date,
  to: Date,
  stepMinutes: number,
  firstPlanned = new Map<string, Date>(),
  s: BotSettings = settings,
) {
  for (let at = from.getTime(); at <= to.getTime(); at += stepMinutes * 60_000) {
    const now = new Date(at);
    const result = await planDue({ db: t.db, now, settings: s, composePrompt: compose });
    if (result.prompts + result.reminders === 0) continue;
    const keys = await t.db.selectFrom('deliveries').select('dedupe_key').execute();
    for (const { dedupe_key } of keys) if (!firstPlanned.has(dedupe_key)) firstPlanned.set(dedupe_key, now);
  }
  return firstPlanned;
}

async function oneMemberNetwork(opts: {
  networkZone: string;
  siteZone?: string | null;
  personZone?: string | null;
  breaks?: [string, string][];
  pausedUntil?: string | null;
}) {
  const networkId = await insertNetwork(t.db, { timeZone: opts.networkZone });
  const siteId = await insertSite(t.db, networkId, {
    name: 'Lincoln',
    timeZone: opts.siteZone ?? null,
    breaks: opts.breaks ?? [],
  });
  const member = await insertMember(t.db, {
    networkId,
    siteId,
    timeZone: opts.personZone ?? null,
    pausedUntil: opts.pausedUntil ?? null,
  });
  const cycleId = await insertCycle(t.db, {
    networkId,
    siteId,
    startsOn: '2026-11-30',
    endsOn: '2026-12-11',
    ownerMemberId: member.memberId,
  });
  return { networkId, siteId, cycleId, ...member };
}

describe('planning prompts', () => {
  it("plans a whole cycle's prompts at the instants of the member's calendar, and sends each once", async () => {
    const zone = 'America/Chicago';
    const { cycleId, memberId } = await oneMemberNetwork({ networkZone: zone });
    const cal: SchoolCalendar = {
      timeZone: zone,
      promptHour: settings.promptHour,
      promptMinute: 0,
      schoolDays: settings.schoolDays,
      breaks: [],
      quietHours: settings.quietHours!,
    };
    const planned = planCyclePrompts({ startsOn: '2026-11-30', endsOn: '2026-12-11' }, cal);
    const ids = new Map<number, string>();
    for (const p of planned) {
      ids.set(await insertCheckin(t.db, { cycleId, memberId, phase: p.phase, dueAt: p.at }), p.phase);
    }

    const clock = fakeClock('2026-11-29T12:00:00Z');
    const port = new FakePort('slack', clock.now);
    const dispatcher = createDispatcher({
      db: t.db,
      ports: new Map([['slack', port]]),
      clock: clock.now,
      owner: 'p1',
      leaseMs: 60_000,
      batchSize: 10,
      maxAttempts: 5,
    });
    const scheduler = createScheduler({
      db: t.db,
      clock: clock.now,
      settings: { ...settings, reminderMax: 0 },
      dispatcher,
      composePrompt: compose,
      cron: '* * * * *',
    });
    // Every half hour for two weeks.
    while (clock.now() < new Date('2026-12-13T00:00:00Z')) {
      await scheduler.runOnce();
      clock.advance(HOUR / 2);
    }
    await scheduler.stop();

    expect(port.sent.map((s) => [s.message.summary, wallClock(s.at, zone)])).toEqual(
      [...ids].map(([id, phase]) => {
        const at = planned.find((p) => p.phase === phase)!.at;
        return [`prompt ${id}`, wallClock(at, zone)];
      }),
    );
    expect(port.sent.map((s) => wallClock(s.at, zone))).toEqual([
      'Mon 2026-11-30 08:00',
      'Mon 2026-12-07 08:00',
      'Fri 2026-12-11 08:00',
      'Fri 2026-12-11 08:00',
    ]);
    const checkins = await t.db.selectFrom('checkins').select(['id', 'prompted_at']).orderBy('id').execute();
    for (const c of checkins) {
      expect(c.prompted_at?.toISOString()).toBe(
        planned.find((p) => p.phase === ids.get(c.id))!.at.toISOString(),
      );
    }
  });

  it('prompts a New York member at 08:00 local on both sides of the 2026 DST changes', async () => {
    const zone = 'America/New_York';
    // The network is in UTC: the person's own zone must win.
    const { cycleId, memberId } = await oneMemberNetwork({ networkZone: 'UTC', personZone: zone });
    const days = ['2026-03-06', '2026-03-09', '2026-10-30', '2026-11-02'];
    const phases = ['plan', 'do', 'study', 'act'] as const;
    // Due at local midnight: quiet hours, so the planner must wait for 08:00.
    for (const [i, day] of days.entries()) {
      await insertCheckin(t.db, { cycleId, memberId, phase: phases[i]!, dueAt: local(`${day}T00:00`, zone) });
    }
    const planned = await planEvery(new Date('2026-03-06T00:00:00Z'), new Date('2026-03-10T00:00:00Z'), 15);
    await planEvery(new Date('2026-10-30T00:00:00Z'), new Date('2026-11-03T00:00:00Z'), 15, planned);
    const at = [...planned.values()];
    expect(at.map((d) => wallClock(d, zone))).toEqual([
      'Fri 2026-03-06 08:00',
      'Mon 2026-03-09 08:00',
      'Fri 2026-10-30 08:00',
      'Mon 2026-11-02 08:00',
    ]);
    // The same local hour is a different UTC hour after each change.
    expect(at.map((d) => d.toISOString())).toEqual([
      '2026-03-06T13:00:00.000Z',
      '2026-03-09T12:00:00.000Z',
      '2026-10-30T12:00:00.000Z',
      '2026-11-02T13:00:00.000Z',
    ]);
  });

  it('prompts sites in Pacific/Guam and Pacific/Pago_Pago, one network across the date line, each at its own Monday 08:00', async () => {
    const networkId = await insertNetwork(t.db, { timeZone: 'Pacific/Guam' });
    const guamSite = await insertSite(t.db, networkId, { name: 'Hagåtña' });
    const samoaSite = await insertSite(t.db, networkId, { name: 'Pago Pago', timeZone: 'Pacific/Pago_Pago' });
    const guam = await insertMember(t.db, { networkId, siteId: guamSite });
    const samoa = await insertMember(t.db, { networkId, siteId: samoaSite });
    const c1 = await insertCycle(t.db, {
      networkId,
      siteId: guamSite,
      startsOn: '2026-11-30',
      endsOn: '2026-12-11',
    });
    const c2 = await insertCycle(t.db, {
      networkId,
      siteId: samoaSite,
      startsOn: '2026-11-30',
      endsOn: '2026-12-11',
    });
    // One instant for both: Monday 06:00 in Guam, Sunday 09:00 in Pago Pago.
    const dueAt = new Date('2026-11-29T20:00:00Z');
    const g = await insertCheckin(t.db, { cycleId: c1, memberId: guam.memberId, phase: 'plan', dueAt });
    const s = await insertCheckin(t.db, { cycleId: c2, memberId: samoa.memberId, phase: 'plan', dueAt });

    const planned = await planEvery(new Date('2026-11-29T18:00:00Z'), new Date('2026-12-01T00:00:00Z'), 30);
    expect(planned.get(`prompt:${g}`)?.toISOString()).toBe('2026-11-29T22:00:00.000Z');
    expect(wallClock(planned.get(`prompt:${g}`)!, 'Pacific/Guam')).toBe('Mon 2026-11-30 08:00');
    expect(planned.get(`prompt:${s}`)?.toISOString()).toBe('2026-11-30T19:00:00.000Z');
    expect(wallClock(planned.get(`prompt:${s}`)!, 'Pacific/Pago_Pago')).toBe('Mon 2026-11-30 08:00');
  });

  it('holds prompts over weekends, quiet hours, site breaks and pauses', async () => {
    const zone = 'America/Chicago';
    const networkId = await insertNetwork(t.db, { timeZone: zone });
    const open = await insertSite(t.db, networkId, { name: 'Open' });
    const onBreak = await insertSite(t.db, networkId, {
      name: 'Break',
      breaks: [['2026-12-07', '2026-12-11']],
    });
    const weekend = await insertMember(t.db, { networkId, siteId: open });
    const breaker = await insertMember(t.db, { networkId, siteId: onBreak });
    const paused = await insertMember(t.db, { networkId, siteId: open, pausedUntil: '2026-12-08' });
    const c1 = await insertCycle(t.db, {
      networkId,
      siteId: open,
      startsOn: '2026-11-30',
      endsOn: '2026-12-18',
    });
    const c2 = await insertCycle(t.db, {
      networkId,
      siteId: onBreak,
      startsOn: '2026-11-30',
      endsOn: '2026-12-18',
    });
    const w = await insertCheckin(t.db, {
      cycleId: c1,
      memberId: weekend.memberId,
      phase: 'do',
      dueAt: local('2026-12-04T22:00', zone), // Friday, in quiet hours
    });
    const b = await insertCheckin(t.db, {
      cycleId: c2,
      memberId: breaker.memberId,
      phase: 'do',
      dueAt: local('2026-12-07T08:00', zone), // first day of the break
    });
    const p = await insertCheckin(t.db, {
      cycleId: c1,
      memberId: paused.memberId,
      phase: 'do',
      dueAt: local('2026-12-07T08:00', zone), // paused until Tuesday
    });

    const planned = await planEvery(new Date('2026-12-04T00:00:00Z'), new Date('2026-12-15T00:00:00Z'), 60);
    expect(wallClock(planned.get(`prompt:${w}`)!, zone)).toBe('Mon 2026-12-07 08:00');
    expect(wallClock(planned.get(`prompt:${b}`)!, zone)).toBe('Mon 2026-12-14 08:00');
    expect(wallClock(planned.get(`prompt:${p}`)!, zone)).toBe('Wed 2026-12-09 08:00');
  });

  it('does not prompt people without an address, marked unreachable, or still asking to join', async () => {
    const networkId = await insertNetwork(t.db, { timeZone: 'UTC' });
    const siteId = await insertSite(t.db, networkId, { name: 'Site' });
    const cycleId = await insertCycle(t.db, {
      networkId,
      siteId,
      startsOn: '2026-11-30',
      endsOn: '2026-12-11',
    });
    const noAddress = await insertMember(t.db, { networkId, siteId, address: null });
    const gone = await insertMember(t.db, { networkId, siteId, unreachable: true });
    const pending = await insertMember(t.db, { networkId, siteId });
    await t.db.updateTable('members').set({ status: 'pending' }).where('id', '=', pending.memberId).execute();
    const fine = await insertMember(t.db, { networkId, siteId });
    const dueAt = new Date('2026-11-30T08:00:00Z');
    for (const m of [noAddress, gone, pending, fine]) {
      await insertCheckin(t.db, { cycleId, memberId: m.memberId, phase: 'do', dueAt });
    }
    const result = await planDue({
      db: t.db,
      now: new Date('2026-11-30T09:00:00Z'),
      settings,
      composePrompt: compose,
    });
    expect(result.prompts).toBe(1);
    const rows = await t.db.selectFrom('deliveries').selectAll().execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      kind: 'prompt',
      person_id: fine.personId,
      platform: 'slack',
      address: fine.address,
      status: 'pending',
    });
    expect(rows[0]!.payload).toEqual({
      type: 'message',
      message: {
        summary: `prompt ${rows[0]!.checkin_id}`,
        blocks: [{ type: 'text', text: `prompt ${rows[0]!.checkin_id}` }],
      },
    });
  });

  it('plans nothing twice, whether run again or from two processes at once', async () => {
    const networkId = await insertNetwork(t.db, { timeZone: 'UTC' });
    const siteId = await insertSite(t.db, networkId, { name: 'Site' });
    const cycleId = await insertCycle(t.db, {
      networkId,
      siteId,
      startsOn: '2026-11-30',
      endsOn: '2026-12-11',
    });
    for (let i = 0; i < 30; i++) {
      const m = await insertMember(t.db, { networkId, siteId });
      await insertCheckin(t.db, {
        cycleId,
        memberId: m.memberId,
        phase: 'do',
        dueAt: '2026-11-30T08:00:00Z',
      });
    }
    const now = new Date('2026-11-30T09:00:00Z');
    const plan = () => planDue({ db: t.db, now, settings, composePrompt: compose, chunkSize: 7 });
    const [a, b] = await Promise.all([plan(), plan()]);
    expect(a.prompts + b.prompts).toBe(30);
    expect((await plan()).prompts).toBe(0);
    let composed = 0;
    await planDue({
      db: t.db,
      now,
      settings,
      composePrompt: async (...args) => {
        composed++;
        return compose(...args);
      },
    });
    // Already queued check-ins are not even composed again.
    expect(composed).toBe(0);
    const keys = await t.db.selectFrom('deliveries').select('dedupe_key').execute();
    expect(new Set(keys.map((k) => k.dedupe_key)).size).toBe(30);
    expect(keys).toHaveLength(30);
  });
});

describe('planning reminders', () => {
  async function promptedCheckin(zone: string, dueLocal: string) {
    const { cycleId, memberId } = await oneMemberNetwork({ networkZone: zone });
    const id = await insertCheckin(t.db, { cycleId, memberId, phase: 'do', dueAt: local(dueLocal, zone) });
    const clock = fakeClock(local(dueLocal, zone));
    const port = new FakePort('slack', clock.now);
    const dispatcher = createDispatcher({
      db: t.db,
      ports: new Map([['slack', port]]),
      clock: clock.now,
      owner: 'p1',
      leaseMs: 60_000,
      batchSize: 10,
      maxAttempts: 5,
    });
    const scheduler = createScheduler({
      db: t.db,
      clock: clock.now,
      settings,
      dispatcher,
      composePrompt: compose,
      cron: '* * * * *',
    });
    return { id, clock, port, scheduler };
  }

  it('reminds after the delay, up to the maximum, and stops once the answer is in', async () => {
    const zone = 'America/Chicago';
    const { id, clock, port, scheduler } = await promptedCheckin(zone, '2026-11-30T08:00');
    await scheduler.runOnce();
    expect(port.summaries()).toEqual([`prompt ${id}`]);

    clock.advance(24 * HOUR - 60_000);
    await scheduler.runOnce();
    expect(port.sent).toHaveLength(1); // not a minute early
    clock.advance(60_000);
    await scheduler.runOnce();
    expect(port.summaries()).toEqual([`prompt ${id}`, `reminder 1 of ${id}`]);
    expect(wallClock(port.sent[1]!.at, zone)).toBe('Tue 2026-12-01 08:00');

    // Reminder 2 is queued (planned without sending), then the answer arrives.
    clock.advance(24 * HOUR);
    const planned = await planDue({ db: t.db, now: clock.now(), settings, composePrompt: compose });
    expect(planned.reminders).toBe(1);
    await t.db.updateTable('checkins').set({ status: 'answered' }).where('id', '=', id).execute();
    const tick = await scheduler.runOnce();
    expect(tick?.planned?.cancelled).toBe(1);
    expect(port.sent).toHaveLength(2);
    const reminder2 = await t.db
      .selectFrom('deliveries')
      .select('status')
      .where('dedupe_key', '=', `reminder:${id}:2`)
      .executeTakeFirstOrThrow();
    expect(reminder2.status).toBe('cancelled');

    for (let i = 0; i < 5; i++) {
      clock.advance(24 * HOUR);
      await scheduler.runOnce();
    }
    expect(port.sent).toHaveLength(2);
    await scheduler.stop();
  });

  it('holds a reminder that falls on the weekend until Monday at the prompt hour, and sends at most reminderMax', async () => {
    const zone = 'America/Chicago';
    const { id, clock, port, scheduler } = await promptedCheckin(zone, '2026-12-04T08:00');
    await scheduler.runOnce();
    for (let i = 0; i < 24 * 7; i++) {
      clock.advance(HOUR);
      await scheduler.runOnce();
    }
    await scheduler.stop();
    expect(port.sent.map((s) => [s.message.summary, wallClock(s.at, zone)])).toEqual([
      [`prompt ${id}`, 'Fri 2026-12-04 08:00'],
      [`reminder 1 of ${id}`, 'Mon 2026-12-07 08:00'],
      [`reminder 2 of ${id}`, 'Tue 2026-12-08 08:00'],
    ]);
  });

  it('sends only the latest reminder when several came due while nothing ran', async () => {
    const zone = 'America/Chicago';
    const { id, clock, port, scheduler } = await promptedCheckin(zone, '2026-11-30T08:00');
    await scheduler.runOnce();
    clock.set(local('2026-12-02T10:00', zone));
    await scheduler.runOnce();
    await scheduler.stop();
    expect(port.summaries()).toEqual([`prompt ${id}`, `reminder 2 of ${id}`]);
  });
});
