import { z } from 'zod';
import type { MessageRef } from '../platform/platform-port.ts';
import type { DeliveryPayload } from '../store/deliveries/payload.ts';
import { messageSchema } from './message-schema.ts';

// Rows of the outbox are written by one version of the bot and may be read
// back by another process, so the dispatcher checks their shape on the way out.

export const messageRefSchema: z.ZodType<MessageRef> = z.record(z.string(), z.unknown());

export const deliveryPayloadSchema: z.ZodType<DeliveryPayload> = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('message'),
    message: messageSchema,
    /** The dedupe_key of an earlier delivery: send as a reply in its thread (after it is sent). */
    threadOf: z.string().min(1).optional(),
  }),
  z.object({ type: z.literal('update'), ref: messageRefSchema, message: messageSchema }),
]);
