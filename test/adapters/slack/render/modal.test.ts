import { describe, expect, it } from 'vitest';
import { decodeFormMetadata } from '../../../../adapters/slack/form-metadata.ts';
import {
  infoModal,
  loadingModal,
  MODAL_LIMITS,
  renderFormModal,
} from '../../../../adapters/slack/render/modal.ts';
import { flattenViewState, inputBlockIds } from '../../../../adapters/slack/view-state.ts';
import type { Form, Input } from '../../../../src/core/message-model.ts';
import { textMessage } from '../../../../src/core/message-model.ts';
import { fixtureJson } from '../support/payloads.ts';

const form = (inputs: Input[], title = 'Plan · cycle #12'): Form => ({
  formId: 'checkin:12',
  title,
  submitLabel: 'Submit',
  inputs,
});
type InputBlockJson = {
  type: string;
  block_id: string;
  optional: boolean;
  label: { text: string };
  element: Record<string, unknown>;
};
const elementOf = (input: Input) =>
  (renderFormModal(form([input])).blocks[0] as unknown as InputBlockJson).element;

describe('a form as a modal', () => {
  it('is a modal with callback pdsa.form, the form id in private_metadata, and 24-character title and buttons', () => {
    const view = renderFormModal(form([], 'Study check-in for a very long cycle name'), { channel: 'D1' });
    expect(view).toMatchObject({
      type: 'modal',
      callback_id: 'pdsa.form',
      submit: { type: 'plain_text', text: 'Submit' },
      close: { type: 'plain_text', text: 'Cancel' },
    });
    expect(view.title.text.length).toBeLessThanOrEqual(MODAL_LIMITS.title);
    expect(decodeFormMetadata(view.private_metadata)).toEqual({ formId: 'checkin:12', channel: 'D1' });
  });

  it('renders text inputs as plain_text_input (multiline when asked, max_length ≤ 3000), optional when not required', () => {
    const view = renderFormModal(
      form([
        {
          kind: 'text',
          id: 'question',
          label: 'What question?',
          required: true,
          multiline: true,
          maxLength: 5000,
          initial: 'Why?',
        },
        {
          kind: 'text',
          id: 'prediction',
          label: 'Predict',
          required: false,
          hint: 'like 12/30',
          maxLength: 60,
        },
      ]),
    );
    const [question, prediction] = view.blocks as unknown as InputBlockJson[];
    expect(question).toMatchObject({
      type: 'input',
      block_id: 'question',
      optional: false,
      element: {
        type: 'plain_text_input',
        action_id: 'question',
        multiline: true,
        max_length: 3000,
        initial_value: 'Why?',
      },
    });
    expect(prediction).toMatchObject({
      optional: true,
      hint: { type: 'plain_text', text: 'like 12/30' },
      element: { multiline: false, max_length: 60 },
    });
  });

  it('renders number inputs as number_input with decimals, minimum and maximum', () => {
    expect(
      elementOf({
        kind: 'number',
        id: 'n',
        label: 'Count',
        required: true,
        min: 0,
        max: 500,
        decimals: false,
        initial: '12',
      }),
    ).toEqual({
      type: 'number_input',
      action_id: 'n',
      is_decimal_allowed: false,
      initial_value: '12',
      min_value: '0',
      max_value: '500',
    });
    expect(
      elementOf({ kind: 'number', id: 'n', label: 'Mean', required: true, decimals: true, initial: 'lots' }),
    ).toEqual({
      type: 'number_input',
      action_id: 'n',
      is_decimal_allowed: true,
    });
  });

  it('renders up to five choices as radio buttons and more as a static select, preselecting by value or label', () => {
    const few = [
      { value: 'yes', label: 'Yes' },
      { value: 'partly', label: 'Partly' },
      { value: 'no', label: 'No' },
    ];
    expect(
      elementOf({
        kind: 'choice',
        id: 'asPlanned',
        label: 'As planned?',
        required: true,
        choices: few,
        initial: 'Partly',
      }),
    ).toEqual({
      type: 'radio_buttons',
      action_id: 'asPlanned',
      options: few.map((c) => ({ text: { type: 'plain_text', text: c.label, emoji: true }, value: c.value })),
      initial_option: { text: { type: 'plain_text', text: 'Partly', emoji: true }, value: 'partly' },
    });
    const many = Array.from({ length: 120 }, (_, i) => ({
      value: String(i + 1),
      label: `Site ${i + 1} ${'x'.repeat(80)}`,
    }));
    const select = elementOf({
      kind: 'choice',
      id: 'site',
      label: 'Site',
      required: true,
      choices: many,
      initial: '7',
    });
    expect(select.type).toBe('static_select');
    const options = select.options as { text: { text: string }; value: string }[];
    expect(options).toHaveLength(MODAL_LIMITS.selectOptions);
    expect(options.every((o) => o.text.text.length <= MODAL_LIMITS.optionText)).toBe(true);
    expect((select.initial_option as { value: string }).value).toBe('7');
  });

  it('renders more than 100 choices that the bot can search as a menu that searches, listing on open', () => {
    const many = Array.from({ length: 150 }, (_, i) => ({ value: String(i + 1), label: `School ${i + 1}` }));
    const input: Input = {
      kind: 'choice',
      id: 'site',
      label: 'Site',
      required: true,
      choices: many,
      searchable: true,
    };
    expect(elementOf(input)).toEqual({
      type: 'external_select',
      action_id: 'site',
      placeholder: { type: 'plain_text', text: 'Type to search…', emoji: true },
      min_query_length: 0,
    });
    expect(elementOf({ ...input, initial: '140' })).toMatchObject({
      initial_option: { text: { type: 'plain_text', text: 'School 140' }, value: '140' },
    });
    // Up to 100, the whole list is shown as before.
    expect(elementOf({ ...input, choices: many.slice(0, 100) }).type).toBe('static_select');
  });

  it('renders dates as a datepicker, with an initial date only when it is YYYY-MM-DD', () => {
    expect(
      elementOf({ kind: 'date', id: 'from', label: 'From', required: true, initial: '2026-12-01' }),
    ).toEqual({
      type: 'datepicker',
      action_id: 'from',
      initial_date: '2026-12-01',
    });
    expect(
      elementOf({ kind: 'date', id: 'from', label: 'From', required: false, initial: 'monday' }),
    ).toEqual({
      type: 'datepicker',
      action_id: 'from',
    });
  });

  it('has a Loading… placeholder and an information modal without inputs', () => {
    expect(loadingModal()).toMatchObject({ type: 'modal', callback_id: 'pdsa.loading' });
    const info = infoModal('pdsa-bot', textMessage('That check-in is **closed**.'));
    expect(info.submit).toBeUndefined();
    expect(info.blocks).toEqual([
      { type: 'section', text: { type: 'mrkdwn', text: 'That check-in is *closed*.' } },
    ]);
  });
});

describe('a submitted modal', () => {
  it("flattens Slack's view.state.values to { inputId: value }, from a real view_submission payload", () => {
    const payload = fixtureJson<{ view: { state: { values: never }; blocks: never } }>(
      'view_submission.modal-with-inputs.json',
    );
    expect(flattenViewState(payload.view.state.values)).toEqual({
      'date-of-visit': '2019-09-23',
      rating: '3',
      comment: 'Just amazing!',
    });
    expect([...inputBlockIds(payload.view.blocks)]).toEqual(['rating', 'date-of-visit', 'comment']);
  });

  it('reads empty inputs, radio buttons and number inputs', () => {
    expect(
      flattenViewState({
        a: { a: { type: 'plain_text_input', value: null } },
        b: { b: { type: 'radio_buttons', selected_option: null } },
        c: { c: { type: 'number_input', value: '4.5' } },
        d: { d: { type: 'radio_buttons', selected_option: { value: 'adopt' } } },
      }),
    ).toEqual({ a: null, b: null, c: '4.5', d: 'adopt' });
  });

  it('takes private_metadata that is not ours as the form id', () => {
    expect(decodeFormMetadata('cycle.start')).toEqual({ formId: 'cycle.start' });
    expect(decodeFormMetadata('')).toBeUndefined();
  });
});
