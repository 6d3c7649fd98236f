import { type Insertable, sql } from 'kysely';
import type { Phase } from '../core/domain.ts';
import type { CycleRow, CyclesTable } from '../db/schema.ts';
import type { Trx } from '../db/trx.ts';

// The owner of the `cycles` table and of `cycle_participants`: each PDSA
// cycle, its phase, question and decision, and who takes part.

/** Starts a cycle with its participants. */
export async function insertCycle(
  trx: Trx,
  cycle: Insertable<CyclesTable>,
  participantIds: readonly number[],
): Promise<CycleRow> {
  const row = await trx.insertInto('cycles').values(cycle).returningAll().executeTakeFirstOrThrow();
  if (participantIds.length > 0) {
    await trx
      .insertInto('cycle_participants')
      .values(participantIds.map((member_id) => ({ cycle_id: row.id, member_id })))
      .execute();
  }
  return row;
}

/** The members taking part in a cycle (its owner may be among them). */
export async function participantsOf(trx: Trx, cycleId: number): Promise<number[]> {
  const rows = await trx
    .selectFrom('cycle_participants')
    .select('member_id')
    .where('cycle_id', '=', cycleId)
    .execute();
  return rows.map((r) => r.member_id);
}

/** What an answer settles about its cycle: the Plan's question, the Act's decision. */
export async function recordCycleAnswer(
  trx: Trx,
  cycleId: number,
  change: { question: string } | { decision: CycleRow['decision']; decided_at: Date },
): Promise<void> {
  await trx.updateTable('cycles').set(change).where('id', '=', cycleId).execute();
}

/**
 * Moves a cycle from `from` to its next phase (closed: with the time).
 * Only when it is still in `from`, so two answers finishing a phase at
 * once move it once.
 */
export async function advanceCycle(trx: Trx, cycleId: number, from: Phase, to: Phase | 'closed', now: Date) {
  await trx
    .updateTable('cycles')
    .set({ phase: to, ...(to === 'closed' ? { closed_at: now } : {}) })
    .where('id', '=', cycleId)
    .where('phase', '=', from)
    .execute();
}

/** Closes a cycle whatever its phase. */
export async function closeCycleRow(trx: Trx, cycleId: number, now: Date): Promise<void> {
  await trx
    .updateTable('cycles')
    .set({ phase: 'closed', closed_at: now })
    .where('id', '=', cycleId)
    .execute();
}

/** A network's cycle by the number people type. */
export function cycleByNumber(trx: Trx, networkId: number, number: number): Promise<CycleRow | undefined> {
  return trx
    .selectFrom('cycles')
    .selectAll()
    .where('network_id', '=', networkId)
    .where('number', '=', number)
    .executeTakeFirst();
}

/** A network's cycle by its row id. */
export function cycleInNetwork(trx: Trx, networkId: number, id: number): Promise<CycleRow | undefined> {
  return trx
    .selectFrom('cycles')
    .selectAll()
    .where('id', '=', id)
    .where('network_id', '=', networkId)
    .executeTakeFirst();
}

/** How many of a network's cycles use a measure, by phase. */
export async function cyclesOfMeasureByPhase(trx: Trx, networkId: number, measureId: number) {
  const rows = await trx
    .selectFrom('cycles')
    .select(['phase', (eb) => eb.fn.countAll<string>().as('n')])
    .where('network_id', '=', networkId)
    .where('measure_id', '=', measureId)
    .groupBy('phase')
    .execute();
  return rows.map((r) => ({ phase: r.phase, n: Number(r.n) }));
}

/** The cycle that continues a ramp after `cycleId`, if one was started. */
export function nextCycleOf(trx: Trx, cycleId: number): Promise<{ number: number } | undefined> {
  return trx
    .selectFrom('cycles')
    .select('number')
    .where('parent_cycle_id', '=', cycleId)
    .orderBy('number')
    .executeTakeFirst();
}

/**
 * Takes the row lock of the cycle a next cycle follows, until the
 * transaction ends: two requests for the same next cycle (a double click,
 * two processes) then check and insert one after the other.
 */
export async function lockForNextCycle(trx: Trx, previousId: number): Promise<CycleRow> {
  const row = await sql<CycleRow>`select * from cycles where id = ${previousId} for update`.execute(trx);
  return row.rows[0]!;
}

/** The number people know a cycle by, from its id. */
export async function cycleNumberOf(trx: Trx, cycleId: number): Promise<number | undefined> {
  const row = await trx.selectFrom('cycles').select('number').where('id', '=', cycleId).executeTakeFirst();
  return row?.number;
}

/** The cycles that continue a ramp after this one. */
export function childCyclesOf(trx: Trx, cycleId: number): Promise<{ number: number }[]> {
  return trx
    .selectFrom('cycles')
    .select('number')
    .where('parent_cycle_id', '=', cycleId)
    .orderBy('number')
    .execute();
}
