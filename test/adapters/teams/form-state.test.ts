import { deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { decodeForm, encodeForm, MAX_FORM_STATE } from '../../../adapters/teams/form-state.ts';
import type { Form } from '../../../src/core/message-model.ts';

// A form card carries its own form back with the answers, so that a refused
// form can be drawn again without the bot keeping state. What comes back is
// the sender's to forge: it is read only if it is a form, and unpacked only
// so far.

const form: Form = {
  formId: 'checkin:7',
  title: 'Plan for cycle #1',
  submitLabel: 'Submit',
  inputs: [
    { kind: 'text', id: 'question', label: 'What question will this cycle answer?', required: true },
    { kind: 'text', id: 'prediction', label: 'What do you predict?', required: true, hint: '12/30' },
    {
      kind: 'choice',
      id: 'site',
      label: 'Site',
      required: true,
      choices: [
        { value: '1', label: 'Lincoln' },
        { value: '2', label: 'Washington' },
      ],
    },
  ],
};

describe('the form a card carries', () => {
  it('comes back as it went', () => {
    const carried = encodeForm(form)!;
    expect(carried.length).toBeLessThan(600);
    expect(decodeForm(carried)).toEqual(form);
  });

  it('is not carried when it is too large for a card', () => {
    const huge: Form = {
      ...form,
      inputs: [
        {
          kind: 'choice',
          id: 'site',
          label: 'Site',
          required: true,
          choices: Array.from({ length: 3000 }, (_, i) => ({
            value: String(i),
            label: `${i.toString(36)} ${Math.sin(i).toString(36).slice(2, 10)}`,
          })),
        },
      ],
    };
    expect(encodeForm(huge)).toBeUndefined();
  });

  it('is ignored when it is not a form, not ours, or unpacks to too much', () => {
    const pack = (value: unknown) => deflateRawSync(JSON.stringify(value)).toString('base64url');
    expect(decodeForm(undefined)).toBeUndefined();
    expect(decodeForm('not base64 of anything')).toBeUndefined();
    expect(decodeForm(pack({ formId: 'x' }))).toBeUndefined();
    expect(decodeForm(pack({ ...form, inputs: [{ kind: 'slider', id: 'x' }] }))).toBeUndefined();
    // A form with a 4 MB title fits in a card's data once packed.
    const bomb = pack({ ...form, title: 'x'.repeat(4 * 1024 * 1024) });
    expect(bomb.length).toBeLessThanOrEqual(MAX_FORM_STATE);
    expect(decodeForm(bomb)).toBeUndefined();
  });
});
