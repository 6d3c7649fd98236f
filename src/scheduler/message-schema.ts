import { z } from 'zod';
import type { Block, Form, Message } from '../core/message-model.ts';

// The message model as a zod schema, so that a payload read back from the
// outbox is checked before an adapter renders it: a row written by an older
// or newer version of the bot fails as "not understood" instead of crashing
// a renderer half way through a send. Typed against the model, so the two
// cannot drift apart without the compiler saying so.

const button = z.object({
  actionId: z.string(),
  label: z.string(),
  value: z.string(),
  style: z.enum(['primary', 'danger']).optional(),
});

const inputBase = {
  id: z.string(),
  label: z.string(),
  required: z.boolean(),
  hint: z.string().optional(),
  initial: z.string().optional(),
};

const input = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('text'),
    ...inputBase,
    multiline: z.boolean().optional(),
    maxLength: z.number().optional(),
  }),
  z.object({
    kind: z.literal('number'),
    ...inputBase,
    min: z.number().optional(),
    max: z.number().optional(),
    decimals: z.boolean().optional(),
  }),
  z.object({
    kind: z.literal('choice'),
    ...inputBase,
    choices: z.array(z.object({ value: z.string(), label: z.string() })),
  }),
  z.object({ kind: z.literal('date'), ...inputBase }),
]);

const form = z.object({
  formId: z.string(),
  title: z.string(),
  submitLabel: z.string(),
  inputs: z.array(input),
});

/** A form on its own: the Teams adapter reads one back from a submitted card. */
export const formSchema: z.ZodType<Form> = form;

const block: z.ZodType<Block> = z.discriminatedUnion('type', [
  z.object({ type: z.literal('heading'), text: z.string() }),
  z.object({ type: z.literal('text'), text: z.string() }),
  z.object({
    type: z.literal('fields'),
    fields: z.array(z.object({ label: z.string(), value: z.string() })),
  }),
  z.object({ type: z.literal('buttons'), buttons: z.array(button) }),
  z.object({ type: z.literal('form'), form }),
  z.object({
    type: z.literal('image'),
    pngBase64: z.string(),
    alt: z.string(),
    title: z.string().optional(),
    fileName: z.string(),
  }),
  z.object({
    type: z.literal('file'),
    fileName: z.string(),
    mimeType: z.string(),
    content: z.string(),
    title: z.string(),
  }),
  z.object({ type: z.literal('context'), text: z.string() }),
  z.object({ type: z.literal('divider') }),
]);

export const messageSchema: z.ZodType<Message> = z.object({
  summary: z.string(),
  blocks: z.array(block),
});
