import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { retryWait } from '../../../adapters/teams/reply-retries.ts';
import { ANA, personalInstall, personalMessage } from './support/activities.ts';
import { cardsOf, cardText } from './support/cards.ts';
import { startTeamsHarness, type TeamsHarness } from './support/harness.ts';

// A reply sent during a turn is not in the outbox, so a connection the
// connector drops, a 5xx or a short 429 must not lose it: it is tried again
// and arrives once. What a retry cannot fix fails at once.

let h: TeamsHarness;
beforeAll(async () => {
  h = await startTeamsHarness();
});
afterAll(() => h.close());
beforeEach(async () => {
  await h.reset();
  await h.post(personalInstall(h.env, ANA));
  h.standIn.calls.length = 0;
});

const replyPath = /\/activities\/[^/]+$/;
const deliveredSaying = (text: string) =>
  h.standIn.delivered().filter((c) => cardsOf(c.body).some((card) => cardText(card).includes(text)));

describe('a reply during a turn', () => {
  it('arrives once when the connector drops the connection it was sent on', async () => {
    h.standIn.dropNext({ method: 'POST', path: replyPath });
    const result = await h.post(personalMessage(h.env, ANA, 'network create "Lincoln NIC"'));
    expect(result.status).toBe(200);
    expect(h.standIn.dropped).toHaveLength(1);
    expect(deliveredSaying('Lincoln NIC')).toHaveLength(1);
    expect(await h.db.selectFrom('networks').select('name').execute()).toEqual([{ name: 'Lincoln NIC' }]);
    expect(h.logged.filter((l) => l.level === 'error')).toEqual([]);
  });

  it('arrives once after a 502, and after a 429 that asks for a short wait', async () => {
    h.standIn.failNext({ method: 'POST', path: replyPath }, { status: 502 });
    h.standIn.failNext({ method: 'POST', path: replyPath }, { status: 429, headers: { 'retry-after': '1' } });
    await h.post(personalMessage(h.env, ANA, 'help'));
    expect(h.standIn.posted().filter((c) => c.path.match(replyPath))).toHaveLength(3);
    expect(deliveredSaying('Network setup')).toHaveLength(1);
    expect(h.logged.filter((l) => l.level === 'error')).toEqual([]);
  });

  it('is not tried again when the connector refuses it for good', async () => {
    h.standIn.failNext({ method: 'POST', path: replyPath }, { status: 403 });
    await h.post(personalMessage(h.env, ANA, 'help'));
    expect(h.standIn.calls.filter((c) => c.method === 'POST')).toHaveLength(1);
  });
});

describe('what is tried again', () => {
  it('network failures, 5xx, 408 and 429; not 400, 401, 403, 404 or 413', () => {
    const status = (statusCode: number, headers: Record<string, string> = {}) => ({
      statusCode,
      response: { status: statusCode, headers: new Headers(headers) },
    });
    expect(retryWait({ code: 'ECONNRESET', message: 'socket hang up' }, 250)).toBe(250);
    expect(retryWait(new Error('socket hang up'), 250)).toBe(250);
    expect(retryWait({ code: 'REQUEST_SEND_ERROR' }, 250)).toBe(250);
    for (const code of [500, 502, 503, 504, 408]) expect(retryWait(status(code), 250)).toBe(250);
    expect(retryWait(status(429, { 'retry-after': '2' }), 250)).toBe(2_000);
    for (const code of [400, 401, 403, 404, 413]) expect(retryWait(status(code), 250)).toBeUndefined();
    expect(retryWait(new TypeError('x is not a function'), 250)).toBeUndefined();
  });
});
