import type { NetworkCondition } from '../core/conditions/definitions.ts';
import type { Trx } from '../db/trx.ts';
import { valuesOfNetwork } from '../store/condition-values.ts';
import { conditionsOf } from '../store/conditions.ts';

/** A network's conditions, each with its values in order. */
export async function loadConditions(trx: Trx, networkId: number): Promise<NetworkCondition[]> {
  const [conditions, values] = await Promise.all([
    conditionsOf(trx, networkId),
    valuesOfNetwork(trx, networkId),
  ]);
  return conditions.map((c) => ({
    id: c.id,
    name: c.name,
    values: values.filter((v) => v.conditionId === c.id).map((v) => ({ id: v.id, value: v.value })),
  }));
}
