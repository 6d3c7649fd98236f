import type { types } from '@slack/bolt';
import type { Choice, Form, Input, Message } from '../../../src/core/message-model.ts';
import { FORM_CALLBACK_ID, LOADING_CALLBACK_ID } from '../action-ids.ts';
import { encodeFormMetadata, type FormMetadata } from '../form-metadata.ts';
import { fitBlockBudget, LIMITS, renderBlocks, SHORTENED_NOTE } from './blocks.ts';
import { toMrkdwn, toPlain, truncate } from './mrkdwn.ts';

// A core form as a Slack modal: one input block per input, whose block_id
// and action_id are the input's id, so that a submission reads back as
// { [inputId]: value } and field errors can be shown under the right input.

export const MODAL_LIMITS = {
  title: 24,
  button: 24,
  label: 2000,
  hint: 2000,
  textMax: 3000,
  selectOptions: 100,
  radioOptions: 10,
  optionText: 75,
  optionValue: 150,
  radioUpTo: 5,
} as const;

export const INFO_CALLBACK_ID = 'pdsa.info';

export function renderFormModal(form: Form, origin: Omit<FormMetadata, 'formId'> = {}): types.ModalView {
  const blocks = fitBlockBudget(form.inputs.map(inputBlock), LIMITS.viewBlocks, SHORTENED_NOTE);
  return {
    type: 'modal',
    callback_id: FORM_CALLBACK_ID,
    private_metadata: encodeFormMetadata({ formId: form.formId, ...origin }),
    title: plain(form.title, MODAL_LIMITS.title, 'Form'),
    submit: plain(form.submitLabel, MODAL_LIMITS.button, 'Submit'),
    close: plain('Cancel', MODAL_LIMITS.button),
    blocks,
  };
}

/** The placeholder opened at once with the trigger id, while the core prepares the form. */
export function loadingModal(): types.ModalView {
  return {
    type: 'modal',
    callback_id: LOADING_CALLBACK_ID,
    title: plain('pdsa-bot', MODAL_LIMITS.title),
    close: plain('Close', MODAL_LIMITS.button),
    blocks: [{ type: 'section', text: { type: 'mrkdwn', text: 'Loading…' } }],
  };
}

/** A message shown in a modal (an error, or replies when no form came back). */
export function infoModal(title: string, message: Message): types.ModalView {
  let blocks = renderBlocks(message.blocks, { surface: 'modal' }).blocks.filter((b) => b.type !== 'actions');
  if (blocks.length === 0) {
    blocks = [{ type: 'section', text: { type: 'mrkdwn', text: truncate(toMrkdwn(message.summary), 3000) } }];
  }
  return {
    type: 'modal',
    callback_id: INFO_CALLBACK_ID,
    title: plain(title, MODAL_LIMITS.title, 'pdsa-bot'),
    close: plain('Close', MODAL_LIMITS.button),
    blocks,
  };
}

function plain(text: string, max: number, fallback = '…'): types.PlainTextElement {
  return { type: 'plain_text', text: truncate(toPlain(text).trim(), max) || fallback, emoji: true };
}

function inputBlock(input: Input): types.InputBlock {
  return {
    type: 'input',
    block_id: input.id,
    label: plain(input.label, MODAL_LIMITS.label, input.id),
    optional: !input.required,
    ...(input.hint ? { hint: plain(input.hint, MODAL_LIMITS.hint) } : {}),
    element: element(input),
  };
}

function element(input: Input): types.InputBlock['element'] {
  switch (input.kind) {
    case 'text': {
      const max = Math.min(input.maxLength ?? MODAL_LIMITS.textMax, MODAL_LIMITS.textMax);
      return {
        type: 'plain_text_input',
        action_id: input.id,
        multiline: input.multiline ?? false,
        max_length: max,
        ...(input.initial ? { initial_value: input.initial.slice(0, max) } : {}),
      };
    }
    case 'number': {
      const decimals = input.decimals ?? false;
      const initial = input.initial?.trim();
      const numeric = initial !== undefined && (decimals ? /^-?\d+(\.\d+)?$/ : /^-?\d+$/).test(initial);
      return {
        type: 'number_input',
        action_id: input.id,
        is_decimal_allowed: decimals,
        ...(numeric ? { initial_value: initial } : {}),
        ...(input.min !== undefined ? { min_value: String(input.min) } : {}),
        ...(input.max !== undefined ? { max_value: String(input.max) } : {}),
      };
    }
    case 'choice': {
      if (input.searchable && input.choices.length > MODAL_LIMITS.selectOptions) return searchSelect(input);
      const radio = input.choices.length <= MODAL_LIMITS.radioUpTo;
      const options = input.choices
        .slice(0, radio ? MODAL_LIMITS.radioOptions : MODAL_LIMITS.selectOptions)
        .map(choiceOption);
      const initialIndex = input.initial
        ? input.choices.findIndex((c) => c.value === input.initial || c.label === input.initial)
        : -1;
      const initial = initialIndex >= 0 ? options[initialIndex] : undefined;
      return radio
        ? {
            type: 'radio_buttons',
            action_id: input.id,
            options,
            ...(initial ? { initial_option: initial } : {}),
          }
        : {
            type: 'static_select',
            action_id: input.id,
            placeholder: plain('Choose…', 150),
            options,
            ...(initial ? { initial_option: initial } : {}),
          };
    }
    case 'date':
      return {
        type: 'datepicker',
        action_id: input.id,
        ...(input.initial && /^\d{4}-\d{2}-\d{2}$/.test(input.initial)
          ? { initial_date: input.initial }
          : {}),
      };
  }
}

/** A choice as a Block Kit option (also the answer to a search: see inbound/choice-search.ts). */
export function choiceOption(choice: Choice): types.PlainTextOption {
  return {
    text: plain(choice.label, MODAL_LIMITS.optionText, choice.value),
    value: choice.value.slice(0, MODAL_LIMITS.optionValue),
  };
}

/**
 * More choices than a menu holds: a menu that asks the bot for the choices
 * matching what is typed (external_select, answered by the block_suggestion
 * listener). Opening it lists the first 100 at once.
 */
function searchSelect(input: Extract<Input, { kind: 'choice' }>): types.ExternalSelect {
  const initial = input.initial
    ? input.choices.find((c) => c.value === input.initial || c.label === input.initial)
    : undefined;
  return {
    type: 'external_select',
    action_id: input.id,
    placeholder: plain('Type to search…', 150),
    min_query_length: 0,
    ...(initial ? { initial_option: choiceOption(initial) } : {}),
  };
}
