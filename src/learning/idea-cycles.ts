import { type RawBuilder, sql } from 'kysely';
import type { Decision } from '../core/domain.ts';
import type { Trx } from '../db/trx.ts';

// The cycles of a network's change ideas with their prediction and result:
// what the evidence on an idea is counted from, over its whole history.

export type IdeaCycleRow = {
  id: number;
  number: number;
  siteId: number;
  /** YYYY-MM-DD */
  startsOn: string;
  ideaId: number;
  measureId: number;
  closed: boolean;
  decision: Decision | null;
  pv: number | null;
  pn: number | null;
  pd: number | null;
  rv: number | null;
  rn: number | null;
  rd: number | null;
  /** The rows of its first answered Plan and (as known then) Study, for what only the answers hold (src/learning/cycle-answers.ts). */
  planId: number | null;
  studyId: number | null;
};

const DECISIONS: readonly Decision[] = ['adopt', 'adapt', 'abandon'];
const EPOCH = Date.UTC(2000, 0, 1);

/**
 * The cycles of a network (of `ideaIds` only, when given), oldest first:
 * their site, measure and decision, the figures of their answered Plan
 * (prediction) and Study (result), read from checkins_outcomes_idx
 * (migrations/0007) rather than the table.
 *
 * With `asOf`, as they stood then: later cycles are left out, and a result
 * or decision recorded at or after it reads as not there yet.
 *
 * An idea tested every week at a hundred sites has tens of thousands of
 * cycles, and a row of seventeen columns each costs more to parse in the
 * driver than to find: they come back as one JSON array of numbers (the
 * day as days since 2000, the decision as its place in DECISIONS), which
 * is parsed at once.
 */
export async function loadIdeaCycles(
  trx: Trx,
  networkId: number,
  ideaIds: readonly number[] | undefined,
  asOf: Date | undefined,
): Promise<IdeaCycleRow[]> {
  const knownAt = (at: 'study.answered_at' | 'cycles.decided_at', value: RawBuilder<unknown>) =>
    asOf === undefined ? value : sql`case when ${sql.ref(at)} < ${asOf} then ${value} end`;
  const result = (column: 'id' | 'value' | 'numerator' | 'denominator') =>
    knownAt('study.answered_at', sql.ref(`study.${column}`));
  const columns = [
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
    sql`plan.numerator`,
    sql`plan.denominator`,
    result('value'),
    result('numerator'),
    result('denominator'),
    result('id'),
    // The rows of a cycle's answers: to tell two answers of a cycle apart.
    sql`plan.id`,
    sql`study.id`,
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
    .select(
      sql<
        (number | string | null)[][] | null
      >`array_to_json(array_agg(array[${sql.join(columns)}]::float8[]))`.as('cycles'),
    );
  if (ideaIds) query = query.where('cycles.change_idea_id', 'in', ideaIds.length ? [...ideaIds] : [-1]);
  if (asOf !== undefined) query = query.where('cycles.created_at', '<', asOf);
  const { cycles } = await query.executeTakeFirstOrThrow();
  const days = new Map<number, string>();
  const dayOf = (n: number) => {
    let day = days.get(n);
    if (day === undefined) {
      day = new Date(EPOCH + n * 86_400_000).toISOString().slice(0, 10);
      days.set(n, day);
    }
    return day;
  };
  // JSON has no NaN or infinity: PostgreSQL writes them as strings.
  const num = (v: number | string | null) => (typeof v === 'string' ? Number(v) : v);
  // Oldest first (by first day, then cycle); a cycle whose owner changed can
  // have two answered Plans or Studies: its first row, with the first of
  // each, is the one that counts.
  const answer = (id: number | string | null | undefined) => (typeof id === 'number' ? id : Infinity);
  const sorted = (cycles ?? []).sort(
    (a, b) =>
      (a[3] as number) - (b[3] as number) ||
      (a[0] as number) - (b[0] as number) ||
      answer(a[15]) - answer(b[15]) ||
      answer(a[16]) - answer(b[16]),
  );
  const seen = new Set<number>();
  const rows: IdeaCycleRow[] = [];
  for (const r of sorted) {
    const id = r[0] as number;
    if (seen.has(id)) continue;
    seen.add(id);
    rows.push({
      id,
      number: r[1] as number,
      siteId: r[2] as number,
      startsOn: dayOf(r[3] as number),
      ideaId: r[4] as number,
      measureId: r[5] as number,
      closed: r[6] === 1,
      decision: r[7] == null ? null : DECISIONS[(r[7] as number) - 1]!,
      pv: num(r[8] ?? null),
      pn: num(r[9] ?? null),
      pd: num(r[10] ?? null),
      rv: num(r[11] ?? null),
      rn: num(r[12] ?? null),
      rd: num(r[13] ?? null),
      planId: (r[15] ?? null) as number | null,
      studyId: (r[14] ?? null) as number | null,
    });
  }
  return rows;
}
