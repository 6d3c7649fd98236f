import type { Kysely } from 'kysely';
import { type Address, addressSchema } from '../core/address.ts';
import type { Platform } from '../core/domain.ts';
import type { Database, DeliveryRow } from '../db/schema.ts';
import { isDatabaseUnavailable } from '../db/unavailable.ts';
import { describeError, type Log, silentLog } from '../platform/log.ts';
import { DeliveryError, type MessageRef, type PlatformPort } from '../platform/platform-port.ts';
import {
  type Claim,
  claimDue,
  confirmClaim,
  noteWaiting,
  releaseClaims,
  renewClaims,
} from '../store/deliveries/claim.ts';
import { otherDispatchers } from '../store/deliveries/peers.ts';
import { threadParent } from '../store/deliveries/reads.ts';
import { type BackoffPolicy, DEFAULT_BACKOFF, retryDelayMs } from './backoff.ts';
import { createPacer, type PacingConfig } from './pacer.ts';
import { deliveryPayloadSchema } from './payload-schema.ts';
import { markFailed, markSent, retryLater } from './settle.ts';

// The outbox dispatcher: claims due rows under a lease, sends them outside
// any transaction, and records each outcome only while it still owns the
// row. Any number of processes may run one against the same database: a row
// is sent by whoever claimed it, and a process that dies mid-way leaves its
// rows to be claimed again when their leases run out. The one duplicate this
// cannot rule out is a message the platform accepted just before the process
// died, before the send was recorded: ruling that out would take an
// idempotency key on the platform's side, which PlatformPort does not have.

export type PortLookup =
  | ReadonlyMap<Platform, PlatformPort>
  | ((platform: Platform) => PlatformPort | undefined);

export type FailedDelivery = {
  delivery: DeliveryRow;
  reason: string;
  /** `permanent`: the platform refused for good; `attempts`: too many transient failures; `payload`: unreadable row. */
  cause: 'permanent' | 'attempts' | 'payload';
};

export type DispatcherOptions = {
  db: Kysely<Database>;
  ports: PortLookup;
  /**
   * Every platform this build has an adapter for, run by this process or
   * not: due rows for one it does not run get a note saying why they wait.
   * Defaults to the keys of `ports` when it is a Map; a lookup function
   * needs the list.
   */
  platforms?: readonly Platform[];
  clock: () => Date;
  /** This process's id in `lease_owner`; unique among the processes sharing the database. */
  owner: string;
  /**
   * How long a claim holds. Renewed while rows wait in hand and just before
   * each send, so it only needs to outlast one send: keep it well above the
   * adapters' request timeouts, or a hung send could be taken over and sent
   * again by another process.
   */
  leaseMs: number;
  /** Rows taken per claim; up to twice this many are in hand at once. */
  batchSize: number;
  /**
   * Tries after which a transient failure gives a row up ('failed'). Every
   * claim counts as a try, 429s included, but a 429 alone never fails a row.
   */
  maxAttempts: number;
  pacing?: PacingConfig;
  /** Sends in flight at once, each to a different conversation. */
  concurrency?: number;
  backoff?: BackoffPolicy;
  /** How long a thread reply waits before looking again for its parent's message. */
  threadWaitMs?: number;
  /** Wait after a 429 that did not say how long. */
  defaultRetryAfterMs?: number;
  onPermanentFailure?: (failure: FailedDelivery) => void | Promise<void>;
  log?: Log;
  random?: () => number;
};

export type DispatchResult = { sent: number; retried: number; failed: number };

export type Dispatcher = {
  /** Sends everything due now; resolves when nothing due is left that this process can send. */
  dispatchDue(): Promise<DispatchResult>;
  /** Stops claiming, lets sends in flight finish, gives back rows not yet tried. */
  stop(): Promise<void>;
};

type InHand = {
  row: DeliveryRow;
  address: Address;
  conversation: string;
  /** The parent's dedupe key, for a thread reply. */
  threadOf: string | undefined;
};

/** What one pass of the dispatcher has in hand. */
type PassState = {
  tally: DispatchResult;
  /** Platforms this process has an adapter for. */
  served: Platform[];
  paced: Platform[];
  /** Claimed rows waiting for their turn. */
  queue: InHand[];
  inFlight: Set<Promise<void>>;
  /** Conversations with a send in flight. */
  busy: Set<string>;
  /** Dedupe keys in hand, so that a thread reply waits for a parent sent in this same pass. */
  held: Set<string>;
  claiming: Promise<void> | undefined;
  /** Rows the last claim returned; -1 before the first. */
  lastClaimed: number;
  claimBroken: boolean;
  /**
   * The database stopped answering: start nothing more; rows in hand wait
   * for a later pass (given back now if the database allows, or when their
   * leases run out).
   */
  databaseDown: boolean;
  renewedAt: number;
  sharedAt: number;
};

const SHARE_REFRESH_MS = 1_000;
// A send that went out but could not be recorded is sent again by whoever
// claims the row after its lease runs out. Recording is retried until then,
// so that a database outage shorter than the lease sends nothing twice.
const MARK_SENT_RETRY_MS = 2_000;

export function createDispatcher(options: DispatcherOptions): Dispatcher {
  const { db, clock, owner, leaseMs, batchSize, maxAttempts } = options;
  if (!owner) throw new RangeError('a dispatcher needs an owner id');
  if (!(leaseMs > 0)) throw new RangeError(`leaseMs must be positive: ${leaseMs}`);
  if (!Number.isInteger(batchSize) || batchSize < 1)
    throw new RangeError(`batchSize must be >= 1: ${batchSize}`);
  if (!Number.isInteger(maxAttempts) || maxAttempts < 1) {
    throw new RangeError(`maxAttempts must be >= 1: ${maxAttempts}`);
  }
  const concurrency = Math.max(1, options.concurrency ?? 8);
  const backoff = options.backoff ?? DEFAULT_BACKOFF;
  const threadWaitMs = options.threadWaitMs ?? 10_000;
  const defaultRetryAfterMs = options.defaultRetryAfterMs ?? 1_000;
  const log = options.log ?? silentLog;
  const random = options.random ?? Math.random;
  const ports = options.ports;
  const portFor = (platform: Platform): PlatformPort | undefined =>
    typeof ports === 'function' ? ports(platform) : ports.get(platform);
  const known: readonly Platform[] = options.platforms ?? platformsOf(ports);
  const pacer = createPacer(options.pacing);

  let stopping = false;
  let wakeOnStop: () => void = () => {};
  const stopped = new Promise<void>((resolve) => {
    wakeOnStop = resolve;
  });
  let running: Promise<DispatchResult> | undefined;

  const claimAt = (): Claim => ({ owner, now: clock(), leaseMs });

  // One pass, in named steps over its state (PassState): claim due rows,
  // keep their leases, start sends as pacing and conversations allow, wait
  // for something to change, and at the end give back what was not sent.
  async function pass(): Promise<DispatchResult> {
    const served = known.filter((p) => portFor(p) !== undefined);
    const state = newPassState(served);
    if (!(await noteUnserved(known.filter((p) => !served.includes(p))))) return state.tally;
    while (!stopping && !state.databaseDown) {
      claimIfWanted(state);
      if (isIdle(state) && !state.claiming) break;
      await renewIfDue(state);
      await refreshShares(state, false);
      const waitMs = startSends(state);
      await waitForChange(state, waitMs);
    }
    await windDown(state);
    return state.tally;
  }

  function newPassState(served: Platform[]): PassState {
    return {
      tally: { sent: 0, retried: 0, failed: 0 },
      served,
      paced: served.filter((p) => pacer.isPaced(p)),
      queue: [],
      inFlight: new Set(),
      busy: new Set(),
      held: new Set(),
      claiming: undefined,
      lastClaimed: -1,
      claimBroken: false,
      databaseDown: false,
      renewedAt: clock().getTime(),
      sharedAt: Number.NEGATIVE_INFINITY,
    };
  }

  function noteFailure(state: PassState, error: unknown): void {
    if (isDatabaseUnavailable(error)) state.databaseDown = true;
  }

  function isIdle(state: PassState): boolean {
    return state.queue.length === 0 && state.inFlight.size === 0;
  }

  async function refreshShares(state: PassState, force: boolean): Promise<void> {
    if (state.paced.length === 0) return;
    const t = performance.now();
    if (!force && t - state.sharedAt < SHARE_REFRESH_MS) return;
    state.sharedAt = t;
    try {
      const others = await otherDispatchers(db, owner, clock());
      for (const platform of state.paced) pacer.setShare(platform, 1 / (1 + (others.get(platform) ?? 0)));
    } catch (error) {
      log.warn({ owner, error: describeError(error) }, 'could not count other dispatchers; pacing unchanged');
    }
  }

  function claimIfWanted(state: PassState): void {
    if (state.claiming || state.claimBroken) return;
    const first = state.lastClaimed === -1;
    const more = state.lastClaimed === batchSize && state.queue.length < batchSize;
    // A short claim means nothing more was due then; look once more when
    // the hand is empty, since sends take time and rows keep coming due.
    const again = isIdle(state) && state.lastClaimed > 0;
    if (first || more || again) startClaim(state);
  }

  function startClaim(state: PassState): void {
    state.claiming = (async () => {
      try {
        const rows = await claimDue(db, { ...claimAt(), limit: batchSize, platforms: state.served });
        state.lastClaimed = rows.length;
        for (const row of rows) {
          state.queue.push(inHand(row));
          state.held.add(row.dedupe_key);
        }
        if (rows.length > 0) await refreshShares(state, true);
      } catch (error) {
        state.claimBroken = true;
        state.lastClaimed = 0;
        noteFailure(state, error);
        log.error({ owner, error: describeError(error) }, 'claiming due deliveries failed');
      }
    })().finally(() => {
      state.claiming = undefined;
    });
  }

  async function renewIfDue(state: PassState): Promise<void> {
    const { queue, held } = state;
    const now = clock().getTime();
    if (queue.length === 0 || now - state.renewedAt < leaseMs / 3) return;
    state.renewedAt = now;
    try {
      // A claim may add rows while this runs; only the rows asked about can be lost.
      const asked = new Set(queue.map((q) => q.row.id));
      const ours = await renewClaims(db, [...asked], claimAt());
      for (let i = queue.length - 1; i >= 0; i--) {
        const id = queue[i]!.row.id;
        if (!asked.has(id) || ours.has(id)) continue;
        held.delete(queue[i]!.row.dedupe_key);
        queue.splice(i, 1);
      }
    } catch (error) {
      noteFailure(state, error);
      log.warn({ owner, error: describeError(error) }, 'renewing leases failed; will try again');
    }
  }

  /** Starts the sends that may go now; returns how long until the pacer lets the next one go. */
  function startSends(state: PassState): number {
    const { queue, inFlight, busy, held } = state;
    while (inFlight.size < concurrency && queue.length > 0) {
      const pick = pickNext(queue, busy, held);
      if (pick.index < 0) return pick.waitMs;
      startSend(state, queue.splice(pick.index, 1)[0]!);
    }
    return Number.POSITIVE_INFINITY;
  }

  function startSend(state: PassState, item: InHand): void {
    const { inFlight, busy, held } = state;
    pacer.take(item.row.platform, item.address);
    busy.add(item.conversation);
    const sending: Promise<void> = deliver(item, state.tally)
      .catch((error) => {
        // The row stays leased; once the lease runs out it is tried again.
        noteFailure(state, error);
        log.error(
          { owner, deliveryId: item.row.id, error: describeError(error) },
          'delivery bookkeeping failed',
        );
      })
      .finally(() => {
        busy.delete(item.conversation);
        held.delete(item.row.dedupe_key);
        inFlight.delete(sending);
      });
    inFlight.add(sending);
  }

  /** Waits for a send or claim to finish, for stop(), or for the pacer and the leases' renewal. */
  async function waitForChange(state: PassState, waitMs: number): Promise<void> {
    const waits: Promise<unknown>[] = [...state.inFlight, stopped];
    if (state.claiming) waits.push(state.claiming);
    let timer: NodeJS.Timeout | undefined;
    if (state.queue.length > 0) {
      const ms = Math.max(1, Math.min(waitMs, leaseMs / 3, SHARE_REFRESH_MS));
      waits.push(
        new Promise<void>((resolve) => {
          timer = setTimeout(resolve, ms);
        }),
      );
    }
    if (waits.length > 1) await Promise.race(waits);
    if (timer) clearTimeout(timer);
  }

  /** Stopping, nothing left, or no database: finishes what is on the wire and gives back the rest. */
  async function windDown(state: PassState): Promise<void> {
    const { queue, inFlight } = state;
    if (state.databaseDown) {
      log.warn({ owner }, 'the database is not answering; sending stops until the next pass');
    }
    while (inFlight.size > 0 || state.claiming) await Promise.allSettled([...inFlight, state.claiming]);
    state.held.clear();
    if (queue.length === 0) return;
    try {
      await releaseClaims(
        db,
        queue.map((q) => q.row.id),
        owner,
      );
    } catch (error) {
      log.warn(
        { owner, error: describeError(error) },
        'could not give back unsent rows; their leases will run out',
      );
    }
    queue.length = 0;
  }

  // Oldest first, but never two sends to one conversation at once, and never
  // a later message to a conversation before an earlier one.
  function pickNext(
    queue: InHand[],
    busy: Set<string>,
    held: Set<string>,
  ): { index: number; waitMs: number } {
    let waitMs = Number.POSITIVE_INFINITY;
    const passedOver = new Set<string>();
    for (let i = 0; i < queue.length; i++) {
      const item = queue[i]!;
      if (busy.has(item.conversation) || passedOver.has(item.conversation)) continue;
      // The parent, often in the same conversation, may overtake its reply.
      if (item.threadOf !== undefined && held.has(item.threadOf)) continue;
      const wait = pacer.waitMs(item.row.platform, item.address);
      if (wait === 0) return { index: i, waitMs: 0 };
      waitMs = Math.min(waitMs, wait);
      passedOver.add(item.conversation);
    }
    return { index: -1, waitMs };
  }

  function inHand(row: DeliveryRow): InHand {
    const address = (row.address ?? { platform: row.platform }) as Address;
    const payload = row.payload as { threadOf?: unknown } | null;
    const threadOf = typeof payload?.threadOf === 'string' ? payload.threadOf : undefined;
    return { row, address, conversation: pacer.conversationOf(row.platform, address), threadOf };
  }

  async function deliver(item: InHand, tally: DispatchResult): Promise<void> {
    const { row } = item;
    const payload = deliveryPayloadSchema.safeParse(row.payload);
    const address = addressSchema.safeParse(row.address);
    if (!payload.success || !address.success) {
      const reason = `not a delivery this version can send: ${(payload.error ?? address.error)?.issues[0]?.message ?? 'invalid'}`;
      if (await markFailed(db, row, owner, clock(), reason, { unreachable: false })) {
        tally.failed++;
        await reportFailure({ delivery: row, reason, cause: 'payload' });
      }
      return;
    }
    const port = portFor(row.platform);
    if (!port) {
      // Adapters can come and go between passes; another process may have one.
      await releaseClaims(db, [row.id], owner, { lastError: unservedNote(row.platform) });
      return;
    }
    const leaseFrom = performance.now();
    if (!(await confirmClaim(db, row.id, claimAt()))) return; // cancelled, or no longer ours

    let threadOf: MessageRef | undefined;
    const body = payload.data;
    if (body.type === 'message' && body.threadOf) {
      const parent = await threadParent(db, body.threadOf);
      if (parent?.status === 'pending') {
        await releaseClaims(db, [row.id], owner, { dueAt: new Date(clock().getTime() + threadWaitMs) });
        return;
      }
      // A parent that failed, was cancelled or never existed: the reply still
      // matters, so it goes out on its own.
      if (parent?.status === 'sent' && parent.message_ref && typeof parent.message_ref === 'object') {
        threadOf = parent.message_ref as MessageRef;
      }
    }

    let ref: MessageRef;
    try {
      if (body.type === 'message') {
        ref = await port.send(address.data, body.message, threadOf ? { threadOf } : undefined);
      } else {
        await port.update(body.ref, body.message);
        ref = body.ref;
      }
    } catch (error) {
      await settleFailure(item, error, tally, body.type === 'message');
      return;
    }
    await recordSent(row, ref, leaseFrom + leaseMs);
    tally.sent++;
  }

  /** Records a send, trying again until `until` (performance.now() time: when the lease confirmed before the send runs out). */
  async function recordSent(row: DeliveryRow, ref: MessageRef, until: number): Promise<void> {
    const sentAt = clock();
    for (let attempt = 1; ; attempt++) {
      try {
        if (!(await markSent(db, row, owner, sentAt, ref))) {
          log.warn({ owner, deliveryId: row.id }, 'sent, but the row had been taken over meanwhile');
        }
        return;
      } catch (error) {
        const pause = Math.min(MARK_SENT_RETRY_MS, 200 * attempt);
        const hopeless = !isDatabaseUnavailable(error) && attempt >= 3;
        if (hopeless || performance.now() + pause >= until) {
          log.error(
            { owner, deliveryId: row.id, error: describeError(error) },
            'sent, but could not record it; it may be sent again when the lease runs out',
          );
          return;
        }
        await new Promise((resolve) => setTimeout(resolve, pause));
      }
    }
  }

  async function settleFailure(
    item: InHand,
    error: unknown,
    tally: DispatchResult,
    toPerson: boolean,
  ): Promise<void> {
    const { row } = item;
    const now = clock();
    const reason = error instanceof DeliveryError ? error.message : describeError(error);
    const kind = error instanceof DeliveryError ? error.kind : 'transient';
    const fields = { owner, deliveryId: row.id, platform: row.platform, attempts: row.attempts, reason };
    if (kind === 'permanent') {
      // A new message refused for good means the person cannot be reached; an
      // edit refused for good (the message was deleted) says nothing about them.
      if (await markFailed(db, row, owner, now, reason, { unreachable: toPerson })) {
        tally.failed++;
        log.warn(
          fields,
          toPerson
            ? 'delivery refused for good; the person is marked unreachable'
            : 'update refused for good',
        );
        await reportFailure({ delivery: row, reason, cause: 'permanent' });
      }
      return;
    }
    if (kind === 'rate_limited') {
      // The platform says when. The try still counts in `attempts`, but a 429
      // never gives a row up by itself: the message is fine, the timing was not.
      const waitMs = Math.max(0, (error as DeliveryError).retryAfterMs ?? defaultRetryAfterMs);
      pacer.penalize(row.platform, item.address, waitMs);
      if (await retryLater(db, row, owner, new Date(now.getTime() + waitMs), `rate limited: ${reason}`)) {
        tally.retried++;
      }
      return;
    }
    if (row.attempts >= maxAttempts) {
      const final = `gave up after ${row.attempts} attempts: ${reason}`;
      if (await markFailed(db, row, owner, now, final, { unreachable: false })) {
        tally.failed++;
        log.warn(fields, 'delivery given up after repeated failures');
        await reportFailure({ delivery: row, reason: final, cause: 'attempts' });
      }
      return;
    }
    const delay = retryDelayMs(row.attempts, backoff, random);
    if (await retryLater(db, row, owner, new Date(now.getTime() + delay), reason)) {
      tally.retried++;
      log.info({ ...fields, retryInMs: delay }, 'delivery failed; will retry');
    }
  }

  async function reportFailure(failure: FailedDelivery): Promise<void> {
    try {
      await options.onPermanentFailure?.(failure);
    } catch (error) {
      log.error(
        { owner, deliveryId: failure.delivery.id, error: describeError(error) },
        'onPermanentFailure threw',
      );
    }
  }

  // The same words from every process, so that processes without the
  // adapter do not take turns rewriting it.
  function unservedNote(platform: Platform): string {
    return `waiting for a process with a ${platform} adapter (a process without one looked)`;
  }

  // Rows for a platform this process cannot send to stay pending for a
  // process that can; the note says why they wait, for whoever looks.
  // False when the database is not answering: the pass has nothing to do then.
  async function noteUnserved(platforms: Platform[]): Promise<boolean> {
    const now = clock();
    for (const platform of platforms) {
      try {
        await noteWaiting(db, platform, unservedNote(platform), now);
      } catch (error) {
        log.warn({ owner, error: describeError(error) }, 'could not note rows waiting for another process');
        if (isDatabaseUnavailable(error)) return false;
      }
    }
    return true;
  }

  return {
    dispatchDue() {
      if (stopping) return Promise.resolve({ sent: 0, retried: 0, failed: 0 });
      running ??= pass().finally(() => {
        running = undefined;
      });
      return running;
    },
    async stop() {
      stopping = true;
      wakeOnStop();
      await running?.catch(() => {});
    },
  };
}

function platformsOf(ports: PortLookup): Platform[] {
  if (typeof ports === 'function') {
    throw new RangeError('a dispatcher with a port lookup function needs the list of platforms');
  }
  return [...ports.keys()];
}
