import type { Form } from '../../src/core/message-model.ts';
import { decodeForm } from './form-state.ts';

// What a press on one of our cards carries back. Action.Submit sends the
// action's data with the inputs' values merged in (as a `message` activity's
// `value`); Action.Execute sends the same inside `value.action.data` of an
// `adaptiveCard/action` invoke. Anything else (a card of another app, an
// old card) is not ours to answer.

export type Submission =
  | { kind: 'action'; actionId: string; value: string }
  | {
      kind: 'formSubmit';
      formId: string;
      title?: string;
      values: Record<string, string | null>;
      /** The form the card carried, to draw it again when the answers are refused. */
      form?: Form;
    };

const FORM_META_KEYS = new Set(['pdsa', 'formId', 'pdsaTitle', 'pdsaForm', 'msteams']);

export function parseSubmission(data: unknown): Submission | undefined {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return undefined;
  const d = data as Record<string, unknown>;
  if (d.pdsa === 'action' && typeof d.actionId === 'string' && d.actionId !== '') {
    return { kind: 'action', actionId: d.actionId, value: asString(d.value) ?? '' };
  }
  if (d.pdsa === 'form' && typeof d.formId === 'string' && d.formId !== '') {
    const values: Record<string, string | null> = {};
    for (const [key, value] of Object.entries(d)) {
      if (FORM_META_KEYS.has(key)) continue;
      const text = asString(value);
      // Teams sends an input left empty as "" (or leaves it out).
      values[key] = text === undefined || text === '' ? null : text;
    }
    const form = decodeForm(d.pdsaForm);
    return {
      kind: 'formSubmit',
      formId: d.formId,
      ...(typeof d.pdsaTitle === 'string' ? { title: d.pdsaTitle } : {}),
      values,
      // A carried form that is not this card's is not drawn.
      ...(form?.formId === d.formId ? { form } : {}),
    };
  }
  return undefined;
}

/** Input values as the core expects them: text, numbers written out, nothing for the rest. */
function asString(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value === 'boolean') return String(value);
  return undefined;
}

/** The data of an Action.Execute invoke (`adaptiveCard/action`). */
export function executeData(value: unknown): unknown {
  const action = (value as { action?: { type?: unknown; data?: unknown } } | undefined)?.action;
  return action?.type === 'Action.Execute' ? action.data : undefined;
}
