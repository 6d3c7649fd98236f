import { type RawBuilder, sql } from 'kysely';
import type { Decision } from '../core/domain.ts';
import type { Trx } from '../db/trx.ts';

// The cycles of a network's change ideas with their prediction and result:
// what the evidence on an idea is counted from, over its whole history.

/**
 * The cycles, oldest first, one array per column: the cycle at `i` is
 * `id[i]`, `siteId[i]`… An idea tested every week at a hundred sites has
 * tens of thousands of cycles, and an object for each (then another for
 * its evidence) was most of the time the monthly section took, in
 * garbage collection.
 */
export type IdeaCycles = {
  length: number;
  id: number[];
  number: number[];
  siteId: number[];
  /** YYYY-MM-DD */
  startsOn: string[];
  ideaId: number[];
  measureId: number[];
  closed: boolean[];
  decision: (Decision | null)[];
  pv: (number | null)[];
  rv: (number | null)[];
  /** The counts of each figure; null throughout when read with `counts: false`. */
  pn: (number | null)[];
  pd: (number | null)[];
  rn: (number | null)[];
  rd: (number | null)[];
  /** The rows of its first answered Plan and (as known then) Study, for what only the answers hold (src/learning/cycle-answers.ts). */
  planId: (number | null)[];
  studyId: (number | null)[];
};

const DECISIONS: readonly Decision[] = ['adopt', 'adapt', 'abandon'];
const EPOCH = Date.UTC(2000, 0, 1);

type Column = (number | string | null)[];

/**
 * The cycles of a network (of `ideaIds` only, when given), oldest first:
 * their site, measure and decision, the figures of their answered Plan
 * (prediction) and Study (result), read from checkins_outcomes_idx
 * (migrations/0007) rather than the table. `counts: false` leaves out the
 * numerators and denominators, for evidence that counts only values.
 *
 * With `asOf`, as they stood then: later cycles are left out, and a result
 * or decision recorded at or after it reads as not there yet.
 *
 * They come back as one JSON array of columns (the day as days since
 * 2000, the decision as its place in DECISIONS): tens of thousands of rows
 * of seventeen columns each cost more to parse in the driver, and more
 * for the database to write, than to find.
 */
export async function loadIdeaCycles(
  trx: Trx,
  networkId: number,
  ideaIds: readonly number[] | undefined,
  asOf: Date | undefined,
  options: { counts?: boolean } = {},
): Promise<IdeaCycles> {
  const counts = options.counts !== false;
  const knownAt = (at: 'study.answered_at' | 'cycles.decided_at', value: RawBuilder<unknown>) =>
    asOf === undefined ? value : sql`case when ${sql.ref(at)} < ${asOf} then ${value} end`;
  const result = (column: 'id' | 'value' | 'numerator' | 'denominator') =>
    knownAt('study.answered_at', sql.ref(`study.${column}`));
  const agg = (value: RawBuilder<unknown>) => sql`array_agg(${value})`;
  const columns = [
    agg(sql`cycles.id`),
    agg(sql`cycles.number`),
    agg(sql`cycles.site_id`),
    agg(sql`cycles.starts_on - date '2000-01-01'`),
    agg(sql`cycles.change_idea_id`),
    agg(sql`cycles.measure_id`),
    // A decision not yet made then leaves the cycle open, in Act.
    agg(sql`coalesce(${knownAt('cycles.decided_at', sql`(cycles.phase = 'closed')`)}, false)::int`),
    agg(knownAt('cycles.decided_at', sql`array_position(${sql.val(DECISIONS)}::text[], cycles.decision)`)),
    agg(sql`plan.value`),
    agg(result('value')),
    agg(result('id')),
    // The rows of a cycle's answers: to tell two answers of a cycle apart.
    agg(sql`plan.id`),
    agg(sql`study.id`),
    ...(counts
      ? [
          agg(sql`plan.numerator`),
          agg(sql`plan.denominator`),
          agg(result('numerator')),
          agg(result('denominator')),
        ]
      : []),
  ];
  let query = trx
    .selectFrom('cycles')
    .leftJoin('checkins as plan', (j) =>
      j
        .onRef('plan.cycle_id', '=', 'cycles.id')
        .on('plan.phase', '=', 'plan')
        .on('plan.status', '=', 'answered'),
    )
    .leftJoin('checkins as study', (j) =>
      j
        .onRef('study.cycle_id', '=', 'cycles.id')
        .on('study.phase', '=', 'study')
        .on('study.status', '=', 'answered'),
    )
    .where('cycles.network_id', '=', networkId)
    // In no order: sorting the numbers here is cheaper than sorting the rows there.
    .select(sql<Column[]>`json_build_array(${sql.join(columns)})`.as('cycles'));
  if (ideaIds) query = query.where('cycles.change_idea_id', 'in', ideaIds.length ? [...ideaIds] : [-1]);
  if (asOf !== undefined) query = query.where('cycles.created_at', '<', asOf);
  const { cycles } = await query.executeTakeFirstOrThrow();
  // No rows make arrays of none as null.
  const [id, number, site, day, idea, measure, closed, decision, pv, rv, studyKnown, planId, studyId] =
    cycles.map((c) => c ?? []) as (number | null)[][];
  const [pn, pd, rn, rd] = counts ? (cycles.slice(13) as Column[]) : [];
  const rows = id!.length;
  // Oldest first (by first day, then cycle); a cycle whose owner changed can
  // have two answered Plans or Studies: its first row, with the first of
  // each, is the one that counts.
  const answer = (ids: (number | null)[], i: number) => ids[i] ?? Infinity;
  const sorted = Array.from({ length: rows }, (_, i) => i).sort(
    (a, b) =>
      day![a]! - day![b]! ||
      id![a]! - id![b]! ||
      answer(planId!, a) - answer(planId!, b) ||
      answer(studyId!, a) - answer(studyId!, b),
  );
  // A cycle's other rows sort right after its first.
  const order = sorted.filter((i, k) => k === 0 || id![i] !== id![sorted[k - 1]!]);
  const days = new Map<number, string>();
  const dayOf = (n: number) => {
    let text = days.get(n);
    if (text === undefined) {
      text = new Date(EPOCH + n * 86_400_000).toISOString().slice(0, 10);
      days.set(n, text);
    }
    return text;
  };
  // JSON has no NaN or infinity: PostgreSQL writes them as strings.
  const num = (v: number | string | null | undefined) => (typeof v === 'string' ? Number(v) : (v ?? null));
  const each = <T>(column: readonly (number | string | null)[], as: (v: number | string | null) => T): T[] =>
    order.map((i) => as(column[i] ?? null));
  const int = (v: number | string | null) => v as number;
  const none = order.map(() => null);
  return {
    length: order.length,
    id: each(id!, int),
    number: each(number!, int),
    siteId: each(site!, int),
    startsOn: each(day!, (v) => dayOf(v as number)),
    ideaId: each(idea!, int),
    measureId: each(measure!, int),
    closed: each(closed!, (v) => v === 1),
    decision: each(decision!, (v) => (v === null ? null : DECISIONS[(v as number) - 1]!)),
    pv: each(pv!, num),
    rv: each(rv!, num),
    pn: counts ? each(pn!, num) : none,
    pd: counts ? each(pd!, num) : none,
    rn: counts ? each(rn!, num) : none,
    rd: counts ? each(rd!, num) : none,
    planId: each(planId!, (v) => v as number | null),
    studyId: each(studyKnown!, (v) => v as number | null),
  };
}
