import type { Trx } from '../db/trx.ts';

// The owner of the `conditions` table: the conditions a network describes
// its sites by (level, locale, size).

export type Condition = { id: number; name: string };

/** A network's conditions in the order they were added. */
export function conditionsOf(trx: Trx, networkId: number): Promise<Condition[]> {
  return trx
    .selectFrom('conditions')
    .select(['id', 'name'])
    .where('network_id', '=', networkId)
    .orderBy('id')
    .execute();
}

export function insertCondition(trx: Trx, networkId: number, name: string, at: Date): Promise<Condition> {
  return trx
    .insertInto('conditions')
    .values({ network_id: networkId, name, created_at: at })
    .returning(['id', 'name'])
    .executeTakeFirstOrThrow();
}

export async function renameCondition(trx: Trx, networkId: number, id: number, name: string): Promise<void> {
  await trx
    .updateTable('conditions')
    .set({ name })
    .where('id', '=', id)
    .where('network_id', '=', networkId)
    .execute();
}

/** Removes the condition with its values and every site's history of it. */
export async function deleteCondition(trx: Trx, networkId: number, id: number): Promise<void> {
  await trx.deleteFrom('conditions').where('id', '=', id).where('network_id', '=', networkId).execute();
}
