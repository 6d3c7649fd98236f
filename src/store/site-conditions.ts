import type { ConditionRange, HistoryEdit } from '../core/conditions/history.ts';
import type { Trx } from '../db/trx.ts';

// The owner of the `site_conditions` table: the value of each condition at
// each site over time, as ranges [valid_from, valid_to) (see
// migrations/0005 and src/core/conditions/history.ts).

export type SiteConditionRange = ConditionRange & { siteId: number; conditionId: number };

const RANGE_COLUMNS = [
  'site_conditions.id',
  'site_conditions.site_id as siteId',
  'site_conditions.condition_id as conditionId',
  'site_conditions.value_id as valueId',
  'site_conditions.valid_from as validFrom',
  'site_conditions.valid_to as validTo',
] as const;

/** The whole history of every site of a network, oldest range first. */
export function historyOfNetwork(trx: Trx, networkId: number): Promise<SiteConditionRange[]> {
  return trx
    .selectFrom('site_conditions')
    .innerJoin('sites', 'sites.id', 'site_conditions.site_id')
    .select(RANGE_COLUMNS)
    .where('sites.network_id', '=', networkId)
    .orderBy('site_conditions.site_id')
    .orderBy('site_conditions.condition_id')
    .orderBy('site_conditions.valid_from', (o) => o.nullsFirst())
    .execute();
}

/**
 * One site's ranges of one condition, locked until the transaction ends, so
 * that two people changing the same value at once write one after the other.
 */
export function lockHistory(trx: Trx, siteId: number, conditionId: number): Promise<SiteConditionRange[]> {
  return trx
    .selectFrom('site_conditions')
    .select(RANGE_COLUMNS)
    .where('site_id', '=', siteId)
    .where('condition_id', '=', conditionId)
    .orderBy('valid_from', (o) => o.nullsFirst())
    .forUpdate()
    .execute();
}

/** Writes an edit planned by planValueChange: removals, then new ends, then the new range. */
export async function applyHistoryEdit(
  trx: Trx,
  edit: HistoryEdit,
  target: { siteId: number; conditionId: number; setBy: number | null; at: Date },
): Promise<void> {
  if (edit.remove.length) await trx.deleteFrom('site_conditions').where('id', 'in', edit.remove).execute();
  for (const e of edit.setEnd) {
    await trx
      .updateTable('site_conditions')
      .set({ valid_to: e.validTo, set_by: target.setBy, set_at: target.at })
      .where('id', '=', e.id)
      .execute();
  }
  if (edit.insert) {
    await trx
      .insertInto('site_conditions')
      .values({
        site_id: target.siteId,
        condition_id: target.conditionId,
        value_id: edit.insert.valueId,
        valid_from: edit.insert.validFrom,
        set_by: target.setBy,
        set_at: target.at,
      })
      .execute();
  }
}

/** The sites that have ever had this value, by id. */
export async function sitesEverWithValue(trx: Trx, valueId: number): Promise<number[]> {
  const rows = await trx
    .selectFrom('site_conditions')
    .select('site_id')
    .distinct()
    .where('value_id', '=', valueId)
    .execute();
  return rows.map((r) => r.site_id);
}

/** How many sites have a value of this condition recorded, at any time. */
export async function sitesWithCondition(trx: Trx, conditionId: number): Promise<number> {
  const row = await trx
    .selectFrom('site_conditions')
    .select((eb) => eb.fn.count<string>('site_id').distinct().as('n'))
    .where('condition_id', '=', conditionId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
