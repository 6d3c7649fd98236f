import type { Trx } from '../db/trx.ts';

// The owner of the `condition_values` table: the values each condition of a
// network may take (elementary, middle, high), in the order they were added.

export type ConditionValue = { id: number; conditionId: number; value: string };

/** Every value of every condition of a network. */
export function valuesOfNetwork(trx: Trx, networkId: number): Promise<ConditionValue[]> {
  return trx
    .selectFrom('condition_values')
    .innerJoin('conditions', 'conditions.id', 'condition_values.condition_id')
    .select(['condition_values.id', 'condition_values.condition_id as conditionId', 'condition_values.value'])
    .where('conditions.network_id', '=', networkId)
    .orderBy('condition_values.id')
    .execute();
}

export async function insertValues(
  trx: Trx,
  conditionId: number,
  values: readonly string[],
  at: Date,
): Promise<ConditionValue[]> {
  if (values.length === 0) return [];
  return trx
    .insertInto('condition_values')
    .values(values.map((value) => ({ condition_id: conditionId, value, created_at: at })))
    .returning(['id', 'condition_id as conditionId', 'value'])
    .execute();
}

export async function renameValue(trx: Trx, conditionId: number, id: number, value: string): Promise<void> {
  await trx
    .updateTable('condition_values')
    .set({ value })
    .where('id', '=', id)
    .where('condition_id', '=', conditionId)
    .execute();
}

export async function deleteValue(trx: Trx, conditionId: number, id: number): Promise<void> {
  await trx
    .deleteFrom('condition_values')
    .where('id', '=', id)
    .where('condition_id', '=', conditionId)
    .execute();
}
