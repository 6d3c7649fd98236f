import { DateTime } from 'luxon';
import {
  digestAt,
  isoWeekBounds,
  isoWeekOf,
  isoWeekOfDate,
  previousIsoWeek,
} from '../core/schedule/iso-week.ts';
import { addDays } from '../core/schedule/local-time.ts';
import type { Db } from '../db/connect.ts';
import { digestPostedAt } from '../store/digests.ts';
import { buildDigest } from './build-digest.ts';
import type { RenderChart } from './charts.ts';
import { recordDigest } from './record-digest.ts';
import { dueReportWeek } from './report-week.ts';

export type PostDigestsDeps = {
  db: Db;
  now: Date;
  /** Draws the charts; defaults to src/chart. `false` posts without charts. */
  renderChart?: RenderChart | false;
};

/**
 * The scheduler's digest job: for every network with a digest channel whose
 * digest time this week (weekday and hour in the network's zone) has come,
 * posts the digest of the last complete week, once; a week before the
 * network's first cycle or check-in has nothing to show and is skipped, so
 * the first digest covers the first week with one. A process that was down
 * at the digest time posts it when it is back; two processes at once post it
 * once (see record-digest.ts). Returns how many digests this call posted.
 * One network's failure does not keep the others from their digest: the
 * errors are thrown together at the end.
 */
export async function postDueDigests({ db, now, renderChart }: PostDigestsDeps): Promise<number> {
  const networks = await db
    .selectFrom('networks')
    .select(['id', 'time_zone', 'digest_weekday', 'digest_hour', 'digest_platform', 'digest_address'])
    .where('digest_platform', 'is not', null)
    .where('digest_address', 'is not', null)
    .orderBy('id')
    .execute();
  let posted = 0;
  const errors: unknown[] = [];
  for (const n of networks) {
    try {
      const week = dueReportWeek(now, {
        timeZone: n.time_zone,
        digestWeekday: n.digest_weekday,
        digestHour: n.digest_hour,
      });
      if (week === null) continue;
      // Cheap check first: most ticks of the week find the digest already posted.
      if (await digestPostedAt(db, n.id, week)) continue;
      const first = await firstActiveWeek(db, n.id, n.time_zone);
      if (first === null || first > week) continue;
      // Built outside the transaction: drawing charts must not hold locks.
      const built = await buildDigest(db, n.id, week, {
        now,
        ...(renderChart === undefined ? {} : { renderChart }),
      });
      const inserted = await db
        .transaction()
        .execute((trx) =>
          recordDigest(
            trx,
            { networkId: n.id, platform: n.digest_platform!, address: n.digest_address! },
            built,
            now,
          ),
        );
      if (inserted) posted++;
    } catch (error) {
      errors.push(new Error(`digest of network ${n.id}: ${(error as Error).message}`, { cause: error }));
    }
  }
  if (errors.length) throw new AggregateError(errors, `${errors.length} digest(s) could not be posted`);
  return posted;
}

/** For the scheduler's `extraJobs`: `createScheduler({ …, extraJobs: [digestJob({ db })] })`. */
export function digestJob(deps: Omit<PostDigestsDeps, 'now'>): (now: Date) => Promise<void> {
  return async (now) => {
    await postDueDigests({ ...deps, now });
  };
}

/**
 * The ISO week (in the network's zone) of its first cycle or check-in: the
 * first week a digest reports on. Null while it has neither.
 */
export async function firstActiveWeek(db: Db, networkId: number, timeZone: string): Promise<string | null> {
  const cycle = await db
    .selectFrom('cycles')
    .where('network_id', '=', networkId)
    .select((eb) => eb.fn.min('starts_on').as('first'))
    .executeTakeFirst();
  const checkin = await db
    .selectFrom('checkins')
    .innerJoin('cycles', 'cycles.id', 'checkins.cycle_id')
    .where('cycles.network_id', '=', networkId)
    .select((eb) => eb.fn.min(eb.fn.coalesce('checkins.prompted_at', 'checkins.answered_at')).as('first'))
    .executeTakeFirst();
  const weeks = [
    cycle?.first ? isoWeekOfDate(String(cycle.first).slice(0, 10)) : null,
    checkin?.first ? isoWeekOf(new Date(checkin.first), timeZone) : null,
  ].filter((w): w is string => w !== null);
  return weeks.length === 0 ? null : weeks.sort()[0]!;
}

export type DigestNetwork = { id: number; time_zone: string; digest_weekday: number; digest_hour: number };

/**
 * When the next digest still to post goes out and which week it covers:
 * overdue ones at once (the scheduler's next run), none before the first
 * week with a cycle or a check-in. Null while the network has neither.
 */
export async function nextDigest(
  db: Db,
  network: DigestNetwork,
  now: Date,
): Promise<{ at: Date; week: string } | null> {
  const first = await firstActiveWeek(db, network.id, network.time_zone);
  if (first === null) return null;
  let current = isoWeekOf(now, network.time_zone);
  for (let i = 0; i < 120; i++, current = followingWeek(current)) {
    const week = previousIsoWeek(current);
    if (week < first || (i === 0 && (await digestPostedAt(db, network.id, week)))) continue;
    const at = digestAt(current, network.digest_weekday, network.digest_hour, network.time_zone);
    return { at: at < now ? now : at, week };
  }
  return null;
}

/** A sentence for whoever chooses the digest's channel: when the first digest comes. */
export async function firstDigestNote(db: Db, network: DigestNetwork, now: Date): Promise<string> {
  const next = await nextDigest(db, network, now);
  if (!next) {
    return 'The first one comes after the first week with a cycle or a check-in, so that it has something to show.';
  }
  const zone = network.time_zone;
  const monday = DateTime.fromISO(isoWeekBounds(next.week, zone).startsOn).toFormat('d LLLL');
  if (next.at.getTime() - now.getTime() < 5 * 60_000) {
    return `The first one, about the week of ${monday}, comes here in the next few minutes.`;
  }
  const when = DateTime.fromJSDate(next.at, { zone }).toFormat("cccc d LLLL 'at' HH:mm");
  return `The first one comes on ${when}, about the week of ${monday}.`;
}

function followingWeek(week: string): string {
  return isoWeekOfDate(addDays(isoWeekBounds(week, 'UTC').startsOn, 7));
}
