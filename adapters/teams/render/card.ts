import {
  type Block,
  type Button,
  type Form,
  type Input,
  type Message,
  plainText,
} from '../../../src/core/message-model.ts';
import { FILE_HOURS } from '../../../src/files/published-files.ts';
import { type CardLinks, NO_LINKS } from '../card-links.ts';
import { encodeForm } from '../form-state.ts';
import type {
  ActionSubmitData,
  AdaptiveCard,
  CardAction,
  CardElement,
  FormSubmitData,
} from './adaptive-card.ts';
import { fitCard } from './fit-card.ts';
import { cardMarkdown, literalText, textLines } from './markup.ts';

// The core's message model as one Adaptive Card 1.5.
//
// Buttons and forms use Action.Submit (not Action.Execute): a press arrives
// as a plain `message` activity carrying `value`, in every scope and every
// Teams client, with no invoke response to produce in time. Its data names
// what was pressed: `{ pdsa: 'action', actionId, value }` for a button,
// `{ pdsa: 'form', formId }` for a form (Teams adds the inputs' values).

/** Teams shows at most six actions in a row. */
const MAX_ACTIONS_PER_SET = 6;

export function renderCard(message: Message, links: CardLinks = NO_LINKS): AdaptiveCard {
  const body: CardElement[] = [];
  let separateNext = false;
  const push = (elements: CardElement[]) => {
    const first = elements[0];
    if (first && separateNext) {
      first.separator = true;
      first.spacing = 'medium';
      separateNext = false;
    }
    body.push(...elements);
  };
  for (const block of message.blocks) {
    if (block.type === 'divider') {
      separateNext = body.length > 0;
      continue;
    }
    push(renderBlock(block, links.get(block)));
  }
  if (body.length === 0) body.push(textBlock(literalText(message.summary) || ' '));
  return fitCard({
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    type: 'AdaptiveCard',
    version: '1.5',
    body,
    fallbackText: plainText(message.summary),
    msteams: { width: 'Full' },
  });
}

/** `link`: where an image or a file block is served (see card-links.ts), if it is. */
function renderBlock(block: Exclude<Block, { type: 'divider' }>, link: string | undefined): CardElement[] {
  switch (block.type) {
    case 'heading':
      return [
        {
          type: 'TextBlock',
          text: cardMarkdown(block.text),
          size: 'large',
          weight: 'bolder',
          style: 'heading',
          wrap: true,
        },
      ];
    case 'text':
      return paragraph(block.text, {});
    case 'context':
      return paragraph(block.text, { size: 'small', isSubtle: true });
    case 'fields':
      return block.fields.length === 0
        ? []
        : [
            {
              type: 'FactSet',
              facts: block.fields.map((f) => ({ title: plainText(f.label), value: cardMarkdown(f.value) })),
            },
          ];
    case 'buttons':
      return chunk(block.buttons, MAX_ACTIONS_PER_SET).map((buttons) => ({
        type: 'ActionSet',
        actions: buttons.map(buttonAction),
      }));
    case 'form':
      return renderForm(block.form);
    case 'image':
      return [
        ...(block.title ? [textBlock(cardMarkdown(block.title), { weight: 'bolder' })] : []),
        {
          type: 'Image',
          url: link ?? `data:image/png;base64,${block.pngBase64}`,
          altText: block.alt,
          size: 'stretch',
          // A tap opens the picture at full size in the browser.
          ...(link ? { selectAction: { type: 'Action.OpenUrl', title: 'Open the picture', url: link } } : {}),
        },
      ];
    case 'file':
      return renderFile(block, link);
  }
}

/** A text as one TextBlock per line; blank lines open a new paragraph with some space. */
function paragraph(text: string, style: Record<string, unknown>): CardElement[] {
  const elements: CardElement[] = [];
  let gap = false;
  for (const line of textLines(text)) {
    if (line === '') {
      gap = true;
      continue;
    }
    const spacing = elements.length === 0 ? undefined : gap ? 'medium' : 'none';
    elements.push(textBlock(cardMarkdown(line), { ...style, ...(spacing ? { spacing } : {}) }));
    gap = false;
  }
  return elements;
}

function textBlock(text: string, style: Record<string, unknown> = {}): CardElement {
  return { type: 'TextBlock', text, wrap: true, ...style };
}

function buttonAction(button: Button): CardAction {
  const data: ActionSubmitData = { pdsa: 'action', actionId: button.actionId, value: button.value };
  return {
    type: 'Action.Submit',
    title: button.label,
    data,
    ...(button.style ? { style: button.style === 'primary' ? 'positive' : 'destructive' } : {}),
  };
}

/**
 * A form a person submitted with mistakes, drawn again: every answer they
 * gave kept in its field, what is wrong written under it, a line on top
 * saying that nothing was saved. `errors` is keyed by input id; an error for
 * no input of the form is shown on top.
 */
export function renderFormAgain(
  form: Form,
  answers: Record<string, string | null>,
  errors: Record<string, string>,
): AdaptiveCard {
  const kept: Form = {
    ...form,
    inputs: form.inputs.map((input) => {
      const answer = answers[input.id];
      return answer === undefined || answer === null ? input : { ...input, initial: answer };
    }),
  };
  return fitCard({
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    type: 'AdaptiveCard',
    version: '1.5',
    body: renderForm(kept, errors),
    fallbackText: `${plainText(form.title)}: nothing was saved yet; please check your answers.`,
    msteams: { width: 'Full' },
  });
}

function renderForm(form: Form, errors: Record<string, string> = {}): CardElement[] {
  const carried = encodeForm(form);
  const data: FormSubmitData = {
    pdsa: 'form',
    formId: form.formId,
    pdsaTitle: form.title,
    ...(carried ? { pdsaForm: carried } : {}),
  };
  const ids = new Set(form.inputs.map((i) => i.id));
  const elsewhere = Object.entries(errors).filter(([id]) => !ids.has(id));
  const anyError = Object.keys(errors).length > 0;
  return [
    textBlock(cardMarkdown(form.title), { size: 'medium', weight: 'bolder', style: 'heading' }),
    ...(anyError
      ? [
          textBlock(
            literalText(
              'Nothing was saved yet. Please fix what is marked below, then press the button again.',
            ),
            { color: 'attention', weight: 'bolder' },
          ),
          ...elsewhere.map(([, error]) => textBlock(literalText(error), { color: 'attention' })),
        ]
      : []),
    ...form.inputs.flatMap((input) => {
      const error = errors[input.id];
      return error === undefined
        ? [renderInput(input)]
        : [
            renderInput(input),
            textBlock(literalText(error), { color: 'attention', size: 'small', spacing: 'small' }),
          ];
    }),
    {
      type: 'ActionSet',
      actions: [
        { type: 'Action.Submit', title: form.submitLabel, data, style: 'positive' } satisfies CardAction,
      ],
    },
  ];
}

function renderInput(input: Input): CardElement {
  const common: CardElement = {
    type: '',
    id: input.id,
    label: plainText(input.label),
    isRequired: input.required,
    ...(input.required ? { errorMessage: `${plainText(input.label)}: please answer this one.` } : {}),
  };
  switch (input.kind) {
    case 'text':
      return {
        ...common,
        type: 'Input.Text',
        isMultiline: input.multiline ?? false,
        ...(input.maxLength !== undefined ? { maxLength: input.maxLength } : {}),
        ...(input.hint ? { placeholder: plainText(input.hint) } : {}),
        ...(input.initial !== undefined ? { value: input.initial } : {}),
      };
    case 'number': {
      const initial =
        input.initial !== undefined && input.initial.trim() !== '' ? Number(input.initial) : NaN;
      return {
        ...common,
        type: 'Input.Number',
        ...(input.min !== undefined ? { min: input.min } : {}),
        ...(input.max !== undefined ? { max: input.max } : {}),
        ...(input.hint ? { placeholder: plainText(input.hint) } : {}),
        ...(Number.isFinite(initial) ? { value: initial } : {}),
        errorMessage: numberError(input),
      };
    }
    case 'choice':
      return {
        ...common,
        type: 'Input.ChoiceSet',
        style: 'compact',
        choices: input.choices.map((c) => ({ title: plainText(c.label), value: c.value })),
        ...(input.hint ? { placeholder: plainText(input.hint) } : {}),
        ...(input.initial !== undefined ? { value: input.initial } : {}),
      };
    case 'date':
      return {
        ...common,
        type: 'Input.Date',
        ...(input.initial !== undefined && /^\d{4}-\d{2}-\d{2}$/.test(input.initial)
          ? { value: input.initial }
          : {}),
      };
  }
}

function numberError(input: Extract<Input, { kind: 'number' }>): string {
  const label = plainText(input.label);
  if (input.min !== undefined && input.max !== undefined)
    return `${label}: enter a number from ${input.min} to ${input.max}.`;
  if (input.min !== undefined) return `${label}: enter a number of at least ${input.min}.`;
  if (input.max !== undefined) return `${label}: enter a number of at most ${input.max}.`;
  return `${label}: enter a number.`;
}

/** The first lines of a file are shown in the card, with a link to all of it when it is served. */
const FILE_PREVIEW_LINES = 12;

function renderFile(block: Extract<Block, { type: 'file' }>, link: string | undefined): CardElement[] {
  const lines = block.content.replace(/\r\n?/g, '\n').split('\n');
  while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  const shown = lines.slice(0, FILE_PREVIEW_LINES);
  const count = `${lines.length} line${lines.length === 1 ? '' : 's'}`;
  const whole = lines.length === shown.length;
  const note = link
    ? `${whole ? 'The whole file is shown here.' : `The first ${shown.length} of ${count} are shown here.`} The download link works for ${FILE_HOURS} hours; ask again for a new one.`
    : whole
      ? `This is the whole file (${count}). Downloads are not set up for Teams here; whoever runs pdsa-bot can turn them on (the TEAMS_PUBLIC_URL setting).`
      : `Only the first ${shown.length} of ${count} are shown here. To get the whole file, ask whoever runs pdsa-bot to turn on downloads in Teams (the TEAMS_PUBLIC_URL setting).`;
  return [
    textBlock(`**${literalText(plainText(block.title))}** (${literalText(block.fileName)}, ${count})`),
    ...shown.map((line, i) => ({
      type: 'TextBlock',
      // CSV lines as they are: "- 3", "1. idea" or "**x**" in a cell is not formatting.
      text: line === '' ? ' ' : literalText(line),
      fontType: 'monospace',
      size: 'small',
      wrap: true,
      ...(i > 0 ? { spacing: 'none' } : {}),
    })),
    textBlock(note, { size: 'small', isSubtle: true }),
    ...(link
      ? [
          {
            type: 'ActionSet',
            actions: [
              { type: 'Action.OpenUrl', title: `Download ${block.fileName}`, url: link } satisfies CardAction,
            ],
          },
        ]
      : []),
  ];
}

function chunk<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
