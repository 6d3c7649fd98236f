import type { Trx } from '../db/trx.ts';

/**
 * A network's change ideas by their number (only the rows of `ids` when
 * given): the row id and the number people read. Reads `change_ideas` as
 * the commands do.
 */
export function changeIdeasOf(trx: Trx, networkId: number, ids?: readonly number[]) {
  let query = trx
    .selectFrom('change_ideas')
    .select(['id', 'number', 'text'])
    .where('network_id', '=', networkId);
  if (ids) query = query.where('id', 'in', ids.length ? [...ids] : [-1]);
  return query.orderBy('number').execute();
}
