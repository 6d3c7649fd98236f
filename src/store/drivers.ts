import type { DriverKind } from '../db/schema.ts';
import type { Trx } from '../db/trx.ts';

// The owner of the `drivers` table: the primary drivers of a network's
// theory of improvement and the secondary drivers under them.

export type Driver = { id: number; name: string; kind: DriverKind; parentId: number | null };

const COLUMNS = ['id', 'name', 'kind', 'parent_id as parentId'] as const;

/** A network's drivers in the order they were added. */
export function driversOf(trx: Trx, networkId: number): Promise<Driver[]> {
  return trx
    .selectFrom('drivers')
    .select(COLUMNS)
    .where('network_id', '=', networkId)
    .orderBy('id')
    .execute();
}

/** A primary driver, or a secondary one when `parentId` names a primary driver of the network. */
export function insertDriver(
  trx: Trx,
  networkId: number,
  name: string,
  parentId: number | null,
  at: Date,
): Promise<Driver> {
  return trx
    .insertInto('drivers')
    .values({
      network_id: networkId,
      name,
      parent_id: parentId,
      kind: parentId === null ? 'primary' : 'secondary',
      created_at: at,
    })
    .returning(COLUMNS)
    .executeTakeFirstOrThrow();
}

export async function renameDriver(trx: Trx, networkId: number, id: number, name: string): Promise<void> {
  await trx
    .updateTable('drivers')
    .set({ name })
    .where('id', '=', id)
    .where('network_id', '=', networkId)
    .execute();
}

/** Under another primary driver (a secondary one), or to the top (a primary one) with null. */
export async function moveDriver(
  trx: Trx,
  networkId: number,
  id: number,
  parentId: number | null,
): Promise<void> {
  await trx
    .updateTable('drivers')
    .set({ parent_id: parentId, kind: parentId === null ? 'primary' : 'secondary' })
    .where('id', '=', id)
    .where('network_id', '=', networkId)
    .execute();
}

/** Removes a driver; the ideas on it are left on no driver. */
export async function deleteDriver(trx: Trx, networkId: number, id: number): Promise<void> {
  await trx.deleteFrom('drivers').where('id', '=', id).where('network_id', '=', networkId).execute();
}
