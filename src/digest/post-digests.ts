import type { Db } from '../db/connect.ts';
import { buildDigest } from './build-digest.ts';
import type { RenderChart } from './charts.ts';
import { postedAt, recordDigest } from './record-digest.ts';
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
 * posts the digest of the last complete week, once. A process that was down
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
      if (await postedAt(db, n.id, week)) continue;
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
