import type { Insertable, Updateable } from 'kysely';
import type { NetworkRow, NetworksTable } from '../db/schema.ts';
import type { Trx } from '../db/trx.ts';

// The owner of the `networks` table: each improvement network, its aim,
// clock and where and when its weekly digest goes.

export function networkById(trx: Trx, id: number): Promise<NetworkRow | undefined> {
  return trx.selectFrom('networks').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The names of all networks. */
export async function networkNames(trx: Trx): Promise<string[]> {
  return (await trx.selectFrom('networks').select('name').execute()).map((n) => n.name);
}

/** Whether a network has this name already, in any case. */
export async function networkNameTaken(trx: Trx, name: string): Promise<boolean> {
  const row = await trx
    .selectFrom('networks')
    .select('id')
    .where((eb) => eb(eb.fn('lower', ['name']), '=', name.toLowerCase()))
    .executeTakeFirst();
  return row !== undefined;
}

export function insertNetwork(trx: Trx, network: Insertable<NetworksTable>): Promise<NetworkRow> {
  return trx.insertInto('networks').values(network).returningAll().executeTakeFirstOrThrow();
}

/** The settings a facilitator changes: aim, time zone, digest day, hour and channel. */
export type NetworkSettings = Pick<
  Updateable<NetworksTable>,
  'aim' | 'time_zone' | 'digest_weekday' | 'digest_hour' | 'digest_platform' | 'digest_address'
>;

export function updateNetwork(trx: Trx, id: number, settings: NetworkSettings): Promise<NetworkRow> {
  return trx
    .updateTable('networks')
    .set(settings)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}
