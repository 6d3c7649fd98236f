import type { Kysely } from 'kysely';
import { DateTime } from 'luxon';
import type { Address } from '../../../src/core/address.ts';
import type { Phase, Platform } from '../../../src/core/domain.ts';
import { type Message, textMessage } from '../../../src/core/message-model.ts';
import { type BotSettings, defaultSettings } from '../../../src/core/settings.ts';
import type { Database } from '../../../src/db/schema.ts';
import type { DeliveryError, MessageRef, PlatformPort } from '../../../src/platform/platform-port.ts';
import type { ComposePrompt } from '../../../src/scheduler/planner.ts';

// Rows written straight into the database, a clock the test moves, and a
// stand-in for a chat platform that remembers what it was asked to send.

type Db = Kysely<Database>;

export const settings: BotSettings = { ...defaultSettings, defaultTimeZone: 'UTC' };

export const compose: ComposePrompt = async (_trx, checkinId, { reminder }) =>
  textMessage(reminder === 0 ? `prompt ${checkinId}` : `reminder ${reminder} of ${checkinId}`);

export function fakeClock(start: string | Date) {
  let now = new Date(start);
  return {
    now: () => now,
    set(at: string | Date) {
      now = new Date(at);
    },
    advance(ms: number) {
      now = new Date(now.getTime() + ms);
    },
  };
}

export async function insertNetwork(db: Db, opts: { name?: string; timeZone: string }): Promise<number> {
  const row = await db
    .insertInto('networks')
    .values({
      name: opts.name ?? `Network ${Math.random().toString(36).slice(2, 8)}`,
      time_zone: opts.timeZone,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function insertSite(
  db: Db,
  networkId: number,
  opts: { name: string; timeZone?: string | null; breaks?: [string, string][] },
): Promise<number> {
  const site = await db
    .insertInto('sites')
    .values({ network_id: networkId, name: opts.name, time_zone: opts.timeZone ?? null })
    .returning('id')
    .executeTakeFirstOrThrow();
  for (const [startsOn, endsOn] of opts.breaks ?? []) {
    await db
      .insertInto('site_breaks')
      .values({ site_id: site.id, starts_on: startsOn, ends_on: endsOn })
      .execute();
  }
  return site.id;
}

let userCounter = 0;

export async function insertMember(
  db: Db,
  opts: {
    networkId: number;
    siteId: number | null;
    name?: string;
    timeZone?: string | null;
    platform?: Platform;
    address?: Address | null;
    pausedUntil?: string | null;
    unreachable?: boolean;
  },
): Promise<{ memberId: number; personId: number; address: Address | null }> {
  const platform = opts.platform ?? 'slack';
  const user = `U${++userCounter}`;
  const address =
    opts.address === undefined ? { platform, workspace: 'T1', channel: `D-${user}` } : opts.address;
  const person = await db
    .insertInto('people')
    .values({
      platform,
      workspace_id: 'T1',
      platform_user_id: user,
      display_name: opts.name ?? user,
      time_zone: opts.timeZone ?? null,
      address,
      ...(opts.unreachable
        ? { unreachable_at: new Date('2026-01-01T00:00:00Z'), unreachable_reason: 'gone' }
        : {}),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const member = await db
    .insertInto('members')
    .values({
      network_id: opts.networkId,
      person_id: person.id,
      site_id: opts.siteId,
      role: 'educator',
      paused_until: opts.pausedUntil ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { memberId: member.id, personId: person.id, address };
}

export async function insertCycle(
  db: Db,
  opts: {
    networkId: number;
    siteId: number;
    startsOn: string;
    endsOn: string;
    ownerMemberId?: number | null;
  },
): Promise<number> {
  const measure = await db
    .insertInto('measures')
    .values({
      network_id: opts.networkId,
      name: `Measure ${Math.random().toString(36).slice(2, 8)}`,
      kind: 'proportion',
      better: 'higher',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const idea = await db
    .insertInto('change_ideas')
    .values({ network_id: opts.networkId, text: 'Greet each student at the door' })
    .returning('id')
    .executeTakeFirstOrThrow();
  const cycle = await db
    .insertInto('cycles')
    .values({
      network_id: opts.networkId,
      site_id: opts.siteId,
      owner_member_id: opts.ownerMemberId ?? null,
      change_idea_id: idea.id,
      measure_id: measure.id,
      starts_on: opts.startsOn,
      ends_on: opts.endsOn,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return cycle.id;
}

export async function insertCheckin(
  db: Db,
  opts: { cycleId: number; memberId: number; phase: Phase; dueAt: Date | string },
): Promise<number> {
  const row = await db
    .insertInto('checkins')
    .values({
      cycle_id: opts.cycleId,
      member_id: opts.memberId,
      phase: opts.phase,
      due_at: new Date(opts.dueAt),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** A local wall-clock time as an instant, for readable fixtures. */
export function local(iso: string, zone: string): Date {
  return DateTime.fromISO(iso, { zone }).toJSDate();
}

export function wallClock(at: Date, zone: string): string {
  return DateTime.fromJSDate(at, { zone }).toFormat('ccc yyyy-LL-dd HH:mm');
}

export type Sent = { address: Address; message: Message; threadOf?: MessageRef; ref: MessageRef; at: Date };

/**
 * The platform side of a port, in memory: records every send with the
 * (test) time it happened, and fails sends on request.
 */
export class FakePort implements PlatformPort {
  readonly platform: Platform;
  readonly sent: Sent[] = [];
  readonly updates: { ref: MessageRef; message: Message }[] = [];
  /** Errors thrown by the next sends, in order. */
  readonly failures: (DeliveryError | Error)[] = [];
  #clock: () => Date;
  #counter = 0;
  #latency: () => Promise<void>;

  constructor(platform: Platform, clock: () => Date, latency: () => Promise<void> = async () => {}) {
    this.platform = platform;
    this.#clock = clock;
    this.#latency = latency;
  }

  async send(address: Address, message: Message, options?: { threadOf?: MessageRef }): Promise<MessageRef> {
    await this.#latency();
    const failure = this.failures.shift();
    if (failure) throw failure;
    const ref = { ts: `m${++this.#counter}` };
    this.sent.push({
      address,
      message,
      ...(options?.threadOf ? { threadOf: options.threadOf } : {}),
      ref,
      at: this.#clock(),
    });
    return ref;
  }

  async update(ref: MessageRef, message: Message): Promise<void> {
    await this.#latency();
    const failure = this.failures.shift();
    if (failure) throw failure;
    this.updates.push({ ref, message });
  }

  summaries(): string[] {
    return this.sent.map((s) => s.message.summary);
  }
}
