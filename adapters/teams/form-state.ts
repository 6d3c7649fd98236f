import { deflateRawSync, inflateRawSync } from 'node:zlib';
import type { Form } from '../../src/core/message-model.ts';
import { formSchema } from '../../src/scheduler/message-schema.ts';

// A form card carries its own form, compressed, in the data of its Submit
// button, which Teams sends back with the answers. When the core refuses
// the answers, the card can then be drawn again in place with every answer
// kept and each error beside its field, without the bot keeping any state
// about the cards it sent. A form too large to carry (hundreds of choices)
// is not carried; its mistakes are explained in a message instead.

export const MAX_FORM_STATE = 6_000;
/** What the carried form may grow to when unpacked: a card's data is the sender's to forge. */
const MAX_FORM_JSON = 256 * 1024;

export function encodeForm(form: Form): string | undefined {
  const encoded = deflateRawSync(JSON.stringify(form), { level: 9 }).toString('base64url');
  return encoded.length <= MAX_FORM_STATE ? encoded : undefined;
}

/** The form a card carried, or undefined when it carried none or something that is not a form. */
export function decodeForm(encoded: unknown): Form | undefined {
  if (typeof encoded !== 'string' || encoded.length === 0 || encoded.length > MAX_FORM_STATE)
    return undefined;
  try {
    const unpacked = inflateRawSync(Buffer.from(encoded, 'base64url'), { maxOutputLength: MAX_FORM_JSON });
    const json: unknown = JSON.parse(unpacked.toString('utf8'));
    const parsed = formSchema.safeParse(json);
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}
