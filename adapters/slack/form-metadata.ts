// What a form modal remembers in its `private_metadata` (at most 3,000
// characters): the core's form id, and the conversation the form was opened
// from, so that the answer's replies can go back there.

export type FormMetadata = {
  formId: string;
  /** The DM or channel the form was opened from, when known. */
  channel?: string;
  /** The thread the form was opened from, when in one. */
  threadTs?: string;
};

export const MAX_PRIVATE_METADATA = 3000;

export function encodeFormMetadata(meta: FormMetadata): string {
  const full = JSON.stringify(meta);
  if (full.length <= MAX_PRIVATE_METADATA) return full;
  return JSON.stringify({ formId: meta.formId });
}

/** Reads private_metadata; a bare string (not ours as JSON) is taken as the form id. */
export function decodeFormMetadata(raw: string | undefined): FormMetadata | undefined {
  if (!raw) return undefined;
  try {
    const parsed: unknown = JSON.parse(raw);
    if (parsed && typeof parsed === 'object' && typeof (parsed as FormMetadata).formId === 'string') {
      const { formId, channel, threadTs } = parsed as FormMetadata;
      return {
        formId,
        ...(typeof channel === 'string' ? { channel } : {}),
        ...(typeof threadTs === 'string' ? { threadTs } : {}),
      };
    }
  } catch {
    // not JSON: fall through
  }
  return { formId: raw };
}
