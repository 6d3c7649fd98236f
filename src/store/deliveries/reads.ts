import { sql } from 'kysely';
import type { Address } from '../../core/address.ts';
import type { Platform } from '../../core/domain.ts';
import type { DeliveryStatus } from '../../db/schema.ts';
import type { Trx } from '../../db/trx.ts';
import type { MessageRef } from '../../platform/platform-port.ts';

/** The row a thread reply waits for, by its dedupe key. */
export function threadParent(
  trx: Trx,
  dedupeKey: string,
): Promise<{ status: DeliveryStatus; message_ref: unknown } | undefined> {
  return trx
    .selectFrom('deliveries')
    .select(['status', 'message_ref'])
    .where('dedupe_key', '=', dedupeKey)
    .executeTakeFirst();
}

export type SentPrompt = {
  id: number;
  platform: Platform;
  address: Address;
  message_ref: MessageRef;
  person_id: number | null;
};

/** The prompts and reminders of a check-in that went out as messages that can be edited. */
export async function sentPromptsOf(trx: Trx, checkinId: number): Promise<SentPrompt[]> {
  const rows = await trx
    .selectFrom('deliveries')
    .select(['id', 'platform', 'address', 'message_ref', 'person_id'])
    .where('checkin_id', '=', checkinId)
    .where('status', '=', 'sent')
    .where('kind', 'in', ['prompt', 'reminder'])
    .where('message_ref', 'is not', null)
    .execute();
  return rows.map((r) => ({ ...r, message_ref: r.message_ref as MessageRef }));
}

/** Outbox rows by status, for the metrics. */
export async function countByStatus(trx: Trx): Promise<Map<DeliveryStatus, number>> {
  const rows = await trx
    .selectFrom('deliveries')
    .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy('status')
    .execute();
  return new Map(rows.map((r) => [r.status, Number(r.n)]));
}

/** Seconds the oldest due pending row has waited (0 when none), by the database's clock. */
export async function dispatchLagSeconds(trx: Trx): Promise<number> {
  const row = await sql<{ lag: number | null }>`
    select extract(epoch from (now() - min(due_at)))::float8 as lag
    from deliveries where status = 'pending' and due_at <= now()`.execute(trx);
  return Math.max(0, row.rows[0]?.lag ?? 0);
}
