import type { Insertable } from 'kysely';
import type { MeasureRow, MeasuresTable } from '../db/schema.ts';
import type { Trx } from '../db/trx.ts';

// The owner of the `measures` table: what a network counts, and which way is better.

export function measuresOf(trx: Trx, networkId: number): Promise<MeasureRow[]> {
  return trx.selectFrom('measures').selectAll().where('network_id', '=', networkId).execute();
}

export function measureById(trx: Trx, id: number): Promise<MeasureRow | undefined> {
  return trx.selectFrom('measures').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The network's measure with this name in any case. */
export function measureNamed(trx: Trx, networkId: number, name: string): Promise<MeasureRow | undefined> {
  return trx
    .selectFrom('measures')
    .selectAll()
    .where('network_id', '=', networkId)
    .where((eb) => eb(eb.fn('lower', ['name']), '=', name.toLowerCase()))
    .executeTakeFirst();
}

export function insertMeasure(trx: Trx, measure: Insertable<MeasuresTable>): Promise<{ id: number }> {
  return trx.insertInto('measures').values(measure).returning('id').executeTakeFirstOrThrow();
}
