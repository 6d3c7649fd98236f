// The platform-neutral message model. Adapters render it to Block Kit,
// Adaptive Cards or terminal text; the core never sees those.
//
// Text uses a small markup that every platform can render: **bold**,
// _italic_, `code`, line breaks, and lines starting with "• " as bullets.

export type Button = {
  /** Routed back to the core as an `action` event. */
  actionId: string;
  label: string;
  value: string;
  style?: 'primary' | 'danger';
};

export type Choice = { value: string; label: string };

export type Input =
  | {
      kind: 'text';
      id: string;
      label: string;
      required: boolean;
      multiline?: boolean;
      hint?: string;
      initial?: string;
      maxLength?: number;
    }
  | {
      kind: 'number';
      id: string;
      label: string;
      required: boolean;
      hint?: string;
      initial?: string;
      min?: number;
      max?: number;
      decimals?: boolean;
    }
  | {
      kind: 'choice';
      id: string;
      label: string;
      required: boolean;
      hint?: string;
      initial?: string;
      choices: Choice[];
      /**
       * The bot answers searches of these choices by text (Bot.choices), so
       * a platform that cannot list them all (a Slack menu holds 100) may
       * let people type to search instead.
       */
      searchable?: boolean;
    }
  | { kind: 'date'; id: string; label: string; required: boolean; hint?: string; initial?: string };

export type Form = {
  /** Routed back to the core as a `formSubmit` event with this id. */
  formId: string;
  title: string;
  submitLabel: string;
  inputs: Input[];
};

export type Block =
  | { type: 'heading'; text: string }
  | { type: 'text'; text: string }
  | { type: 'fields'; fields: { label: string; value: string }[] }
  | { type: 'buttons'; buttons: Button[] }
  | { type: 'form'; form: Form }
  // Base64 so that a message can wait in the outbox as JSON.
  | { type: 'image'; pngBase64: string; alt: string; title?: string; fileName: string }
  /** A text file to download (a CSV export). */
  | { type: 'file'; fileName: string; mimeType: string; content: string; title: string }
  | { type: 'context'; text: string }
  | { type: 'divider' };

export type Message = {
  /** A plain summary: notification text, screen readers, and platforms that show only text. */
  summary: string;
  blocks: Block[];
};

export function message(summary: string, ...blocks: Block[]): Message {
  return { summary, blocks };
}

export function textMessage(text: string): Message {
  return { summary: text, blocks: [{ type: 'text', text }] };
}

/** Removes the markup, for plain-text fallbacks. */
export function plainText(text: string): string {
  return text
    .replace(/\*\*(.+?)\*\*/g, '$1')
    .replace(/(^|\W)_(.+?)_(?=\W|$)/g, '$1$2')
    .replace(/`([^`]+)`/g, '$1');
}
