import { describe, expect, it } from 'vitest';
import { baseConversationId } from '../../../adapters/teams/address.ts';
import { cleanText, isCommandText } from '../../../adapters/teams/command-text.ts';
import { retryAfterMs, toDeliveryError } from '../../../adapters/teams/errors.ts';
import { executeData, parseSubmission } from '../../../adapters/teams/submission.ts';

describe('what typed text is', () => {
  it('is a command when it starts with /pdsa, in any case', () => {
    for (const text of ['/pdsa help', '/PDSA status', '/pdsa']) {
      expect(isCommandText(text), text).toBe(true);
    }
  });

  it('is left to the core otherwise: a command word may begin an answer ("Close to 80%")', () => {
    for (const text of [
      '18/24',
      'help',
      'status',
      'Close to 80%',
      'cycle 12',
      'starting monday',
      '/pdsafoo',
      'yes',
    ]) {
      expect(isCommandText(text), text).toBe(false);
    }
  });

  it('loses the entities and non-breaking spaces Teams sends', () => {
    expect(cleanText('  help&nbsp;start\u00a0now &amp; then &lt;3 &#39;x&#39;\n')).toBe(
      "help start now & then <3 'x'",
    );
    expect(cleanText('&unknown; stays')).toBe('&unknown; stays');
  });

  it('takes a channel thread back to its channel', () => {
    expect(baseConversationId('19:abc@thread.tacv2;messageid=1759881511856')).toBe('19:abc@thread.tacv2');
    expect(baseConversationId('a:1VF4K2uXl')).toBe('a:1VF4K2uXl');
  });
});

describe('card presses', () => {
  it('reads a button press', () => {
    expect(parseSubmission({ pdsa: 'action', actionId: 'checkin.answer:3', value: '3' })).toEqual({
      kind: 'action',
      actionId: 'checkin.answer:3',
      value: '3',
    });
    expect(parseSubmission({ pdsa: 'action', actionId: 'x' })).toEqual({
      kind: 'action',
      actionId: 'x',
      value: '',
    });
  });

  it('reads a form: inputs as strings, numbers written out, empty inputs as null, our own keys left out', () => {
    expect(
      parseSubmission({
        pdsa: 'form',
        formId: 'checkin:3',
        pdsaTitle: 'Plan · cycle #3',
        msteams: { type: 'messageBack' },
        question: 'Q',
        count: 12,
        note: '',
        flag: true,
        nested: { a: 1 },
      }),
    ).toEqual({
      kind: 'formSubmit',
      formId: 'checkin:3',
      title: 'Plan · cycle #3',
      values: { question: 'Q', count: '12', note: null, flag: 'true', nested: null },
    });
  });

  it('is not ours when it does not say so', () => {
    for (const value of [
      { key: 'value', x: 'foobar' },
      { pdsa: 'form' },
      { pdsa: 'action', actionId: '' },
      'text',
      null,
      [],
    ]) {
      expect(parseSubmission(value)).toBeUndefined();
    }
  });

  it('finds the data of an Action.Execute invoke', () => {
    expect(
      executeData({ action: { type: 'Action.Execute', data: { pdsa: 'action' } }, trigger: 'manual' }),
    ).toEqual({
      pdsa: 'action',
    });
    expect(executeData({ action: { type: 'Action.Submit', data: {} } })).toBeUndefined();
    expect(executeData(undefined)).toBeUndefined();
  });
});

describe('delivery errors', () => {
  const restError = (statusCode: number, headers: Record<string, string> = {}, body?: unknown) => ({
    name: 'RestError',
    message: `HTTP ${statusCode}`,
    statusCode,
    response: {
      status: statusCode,
      headers: { get: (n: string) => headers[n.toLowerCase()] },
      bodyAsText: body ? JSON.stringify(body) : '',
    },
  });

  it('sorts the Bot Connector answers into permanent, rate_limited and transient', () => {
    expect(toDeliveryError(restError(403)).kind).toBe('permanent');
    expect(toDeliveryError(restError(404)).kind).toBe('permanent');
    expect(toDeliveryError(restError(400, {}, { error: { code: 'BotNotInConversationRoster' } })).kind).toBe(
      'permanent',
    );
    expect(toDeliveryError(restError(429, { 'retry-after': '2' }))).toMatchObject({
      kind: 'rate_limited',
      retryAfterMs: 2000,
    });
    expect(toDeliveryError(restError(429)).retryAfterMs).toBe(1000);
    for (const status of [500, 502, 503, 401, 400, 413])
      expect(toDeliveryError(restError(status)).kind, String(status)).toBe('transient');
    expect(
      toDeliveryError(Object.assign(new Error('connect ECONNREFUSED'), { code: 'REQUEST_SEND_ERROR' })).kind,
    ).toBe('transient');
    expect(toDeliveryError('something odd').kind).toBe('transient');
  });

  it('reads Retry-After as seconds or as a date', () => {
    const now = () => Date.parse('2026-12-01T10:00:00Z');
    expect(retryAfterMs('30', now)).toBe(30_000);
    expect(retryAfterMs('Tue, 01 Dec 2026 10:00:45 GMT', now)).toBe(45_000);
    expect(retryAfterMs('Tue, 01 Dec 2026 09:00:00 GMT', now)).toBe(0);
    expect(retryAfterMs('soon', now)).toBeUndefined();
    expect(retryAfterMs(undefined, now)).toBeUndefined();
  });
});
