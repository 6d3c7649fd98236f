// The small part of Adaptive Cards 1.5 this adapter writes, as types. The
// tests check every card against the official 1.5 JSON Schema.

export type CardElement = { type: string; separator?: boolean; spacing?: string } & Record<string, unknown>;

export type CardAction =
  | { type: 'Action.Submit'; title: string; data: Record<string, unknown>; style?: string }
  | { type: 'Action.OpenUrl'; title: string; url: string };

export type AdaptiveCard = {
  $schema: 'http://adaptivecards.io/schemas/adaptive-card.json';
  type: 'AdaptiveCard';
  version: '1.5';
  body: CardElement[];
  fallbackText?: string;
  /** Teams only (not in the Adaptive Card schema): use the whole width of the chat. */
  msteams?: { width: 'Full' };
};

export const ADAPTIVE_CARD_CONTENT_TYPE = 'application/vnd.microsoft.card.adaptive';

/** What an Action.Submit of a button carries back (Teams adds nothing for buttons). */
export type ActionSubmitData = { pdsa: 'action'; actionId: string; value: string };

/**
 * What the submit button of a form carries back; Teams merges the inputs'
 * values into it. `pdsaForm` is the form itself, compressed (form-state.ts).
 */
export type FormSubmitData = { pdsa: 'form'; formId: string; pdsaTitle?: string; pdsaForm?: string };
