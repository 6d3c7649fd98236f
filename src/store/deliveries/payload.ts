import type { Message } from '../../core/message-model.ts';
import type { MessageRef } from '../../platform/platform-port.ts';

// What a row of the outbox asks the dispatcher to do: a new message (maybe
// in the thread of an earlier one), or an edit of one already sent.

export type DeliveryPayload =
  | { type: 'message'; message: Message; threadOf?: string }
  | { type: 'update'; ref: MessageRef; message: Message };

/**
 * What a settled row keeps after its person asked to be forgotten: the
 * message's words are erased, the row stays as a count. Never sent (the
 * pending rows of such a person are deleted, not rewritten).
 */
export type ForgottenPayload = { type: 'forgotten' };

/** The type of `deliveries.payload`. */
export type StoredPayload = DeliveryPayload | ForgottenPayload;
