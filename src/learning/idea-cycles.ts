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
  // Each column is made in the rows' select and gathered into its array by the outer one.
  const columns: RawBuilder<unknown>[] = [
    sql`cycles.id`,
    sql`cycles.number`,
    sql`cycles.site_id`,
    sql`cycles.starts_on - date '2000-01-01'`,
    sql`cycles.change_idea_id`,
    sql`cycles.measure_id`,
    // A decision not yet made then leaves the cycle open, in Act.
    sql`coalesce(${knownAt('cycles.decided_at', sql`(cycles.phase = 'closed')`)}, false)::int`,
    knownAt('cycles.decided_at', sql`array_position(${sql.val(DECISIONS)}::text[], cycles.decision)`),
    sql`plan.value`,
    result('value'),
    result('id'),
    // The rows of a cycle's answers: to tell two answers of a cycle apart.
    sql`plan.id`,
    sql`study.id`,
    ...(counts
      ? [sql`plan.numerator`, sql`plan.denominator`, result('numerator'), result('denominator')]
      : []),
  ];
  let rows = trx
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
    .select(columns.map((c, i) => c.as(`c${i}`)))
    // In the order of the cycles' index, which the database can join the answers' index along (and
    // then not hash either side), rather than sort the rows; the order is not relied on.
    .orderBy('cycles.id');
  if (ideaIds) rows = rows.where('cycles.change_idea_id', 'in', ideaIds.length ? [...ideaIds] : [-1]);
  if (asOf !== undefined) rows = rows.where('cycles.created_at', '<', asOf);
  const gathered = columns.map((_, i) => sql`array_agg(${sql.ref(`r.c${i}`)})`);
  const { cycles } = await trx
    .selectFrom(rows.as('r'))
    .select(sql<Column[]>`json_build_array(${sql.join(gathered)})`.as('cycles'))
    .executeTakeFirstOrThrow();
  // No rows make arrays of none as null.
  const [id, number, site, day, idea, measure, closed, decision, pv, rv, studyKnown, planId, studyId] =
    cycles.map((c) => c ?? []) as (number | null)[][];
  const [pn, pd, rn, rd] = counts ? (cycles.slice(13) as Column[]) : [];
  const count = id!.length;
  // Oldest first (by first day, then cycle); a cycle whose owner changed can
  // have two answered Plans or Studies: its first row, with the first of
  // each, is the one that counts.
  const answer = (ids: (number | null)[], i: number) => ids[i] ?? Infinity;
  const sorted = Array.from({ length: count }, (_, i) => i).sort(
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
