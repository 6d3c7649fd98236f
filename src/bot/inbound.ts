import { z } from 'zod';
import { addressSchema } from '../core/address.ts';
import { platformSchema } from '../core/domain.ts';

// What adapters hand to the core. Every event carries the platform's own id
// (Slack event_id / trigger, Teams activity id, a counter in the terminal)
// so that a retried delivery of the same event changes nothing.

export const MAX_INPUT_LENGTH = 4000;
/** The longest name of a person, from the platform or typed in a command. */
export const MAX_NAME_LENGTH = 200;

// Postgres text cannot hold NUL, and a pasted control character is never
// meant: both are dropped here, at the edge, before anything is stored.
// Half of a surrogate pair (a cut emoji; JSON can carry "\ud83d") cannot be
// stored in jsonb either: it becomes U+FFFD, the replacement character.
const typed = (max: number) =>
  z
    .string()
    .max(max)
    .transform((text) => withoutControlCharacters(text.toWellFormed()));

function withoutControlCharacters(text: string): string {
  let out = '';
  for (const ch of text) {
    const code = ch.charCodeAt(0);
    if (code === 0) continue;
    // Tabs and line breaks are kept; other control characters become spaces.
    out += (code < 32 && code !== 9 && code !== 10 && code !== 13) || code === 127 ? ' ' : ch;
  }
  return out;
}

export const actorSchema = z.object({
  platform: platformSchema,
  /** Slack team id, Teams tenant id, 'local' in the terminal. */
  workspaceId: z.string().min(1),
  userId: z.string().min(1),
  displayName: typed(MAX_NAME_LENGTH).optional(),
  timeZone: z.string().optional(),
  /** Where to reach this person privately (a DM channel, a conversation reference). */
  address: addressSchema.optional(),
});
export type Actor = z.infer<typeof actorSchema>;

const base = {
  eventId: z.string().min(1),
  actor: actorSchema,
  /** Where the event happened: a channel, a DM. Used by `digest channel here`. */
  conversation: addressSchema.optional(),
};

export const inboundEventSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('command'), ...base, text: typed(MAX_INPUT_LENGTH) }),
  z.object({ kind: z.literal('reply'), ...base, text: typed(MAX_INPUT_LENGTH) }),
  z.object({ kind: z.literal('action'), ...base, actionId: z.string().min(1), value: typed(2000) }),
  z.object({
    kind: z.literal('formSubmit'),
    ...base,
    formId: z.string().min(1),
    values: z.record(z.string(), typed(MAX_INPUT_LENGTH).nullable().optional()),
  }),
]);
export type InboundEvent = z.infer<typeof inboundEventSchema>;
export type CommandEvent = Extract<InboundEvent, { kind: 'command' }>;
