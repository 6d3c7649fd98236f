import type { Address } from '../core/address.ts';
import type { Message } from '../core/message-model.ts';
import { enqueueDelivery } from '../store/deliveries/enqueue.ts';
import { personById } from '../store/people.ts';
import type { Trx } from './context.ts';

/**
 * Queues a message for someone other than the person acting, in the
 * event's transaction: it is sent by the outbox dispatcher once the
 * transaction commits, and never twice for one dedupe key.
 */
export async function notifyPerson(
  trx: Trx,
  personId: number,
  message: Message,
  options: { dedupeKey: string; now: Date; kind?: string; networkId?: number | null },
): Promise<boolean> {
  const person = await personById(trx, personId);
  if (!person) return false;
  const address: Address = person.address ?? {
    platform: person.platform,
    user: person.platform_user_id,
    workspace: person.workspace_id,
  };
  return enqueueDelivery(trx, {
    kind: options.kind ?? 'notice',
    dedupe_key: options.dedupeKey,
    platform: person.platform,
    address,
    person_id: personId,
    network_id: options.networkId ?? null,
    payload: { type: 'message', message },
    due_at: options.now,
  });
}
