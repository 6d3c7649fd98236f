import { RespondError, webApi } from '@slack/bolt';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { retryWait, withReplyRetries } from '../../../adapters/slack/reply-retries.ts';
import { createTestDatabase, type TestDatabase } from '../../support/test-db.ts';
import { type SlackHarness, startSlackHarness } from './support/slack-harness.ts';

// Replies leave after the acknowledgement, so the adapter tries them again
// itself when Slack fails in passing; what a retry cannot fix fails at once.

const platformError = (code: string, retryAfter?: number) =>
  Object.assign(new Error(code), {
    code: webApi.ErrorCode.PlatformError,
    data: { ok: false, error: code, ...(retryAfter ? { response_metadata: { retryAfter } } : {}) },
  });

/** An error of a Web API client class with the given fields, as the client would throw it. */
const instance = <T extends object>(cls: abstract new (...args: never[]) => T, fields: object): T =>
  Object.assign(Object.create(cls.prototype) as T, fields);

describe('which failures are tried again', () => {
  it('Slack down or unreachable, and short rate limits: yes; a refused message or a removed app: no', () => {
    expect(retryWait(instance(webApi.WebAPIHTTPError, { statusCode: 503, headers: {} }), 500)).toBe(500);
    expect(
      retryWait(instance(webApi.WebAPIHTTPError, { statusCode: 400, headers: {} }), 500),
    ).toBeUndefined();
    expect(
      retryWait(
        instance(webApi.WebAPIHTTPError, {
          statusCode: 429,
          headers: { 'retry-after': '3' },
        }),
        500,
      ),
    ).toBe(3000);
    expect(retryWait(instance(webApi.WebAPIRequestError, {}), 500)).toBe(500);
    expect(retryWait(instance(webApi.WebAPIRateLimitedError, { retryAfter: 2 }), 500)).toBe(2000);
    expect(retryWait(instance(webApi.WebAPIPlatformError, platformError('ratelimited', 4)), 500)).toBe(4000);
    expect(
      retryWait(instance(webApi.WebAPIPlatformError, platformError('invalid_blocks')), 500),
    ).toBeUndefined();
    expect(
      retryWait(instance(webApi.WebAPIPlatformError, platformError('app_uninstalled')), 500),
    ).toBeUndefined();
    expect(retryWait(new RespondError('502 Bad Gateway', 502), 500)).toBe(500);
    expect(retryWait(new TypeError('fetch failed'), 500)).toBe(500);
    expect(retryWait(new RespondError('404 Not Found (the response_url expired)', 404), 500)).toBeUndefined();
    expect(retryWait(new TypeError('a bug'), 500)).toBeUndefined();
  });

  it('tries at most three times, waiting as told, and never waits out a long rate limit', async () => {
    const waits: number[] = [];
    const policy = {
      delaysMs: [500, 2_000],
      maxWaitMs: 10_000,
      sleep: async (ms: number) => void waits.push(ms),
    };
    let calls = 0;
    const flaky = async () => {
      calls++;
      throw new RespondError('503', 503);
    };
    await expect(withReplyRetries(flaky, policy)).rejects.toMatchObject({ statusCode: 503 });
    expect([calls, waits]).toEqual([3, [500, 2_000]]);

    calls = 0;
    waits.length = 0;
    const longLimit = async () => {
      calls++;
      throw instance(webApi.WebAPIRateLimitedError, { retryAfter: 60 });
    };
    await expect(withReplyRetries(longLimit, policy)).rejects.toBeDefined();
    expect([calls, waits]).toEqual([1, []]);
  });
});

describe('replies through the real adapter', () => {
  let database: TestDatabase;
  let slack: SlackHarness;
  beforeAll(async () => {
    database = await createTestDatabase();
    slack = await startSlackHarness({ db: database.db });
  });
  afterAll(async () => {
    await slack?.close();
    await database?.close();
  });
  beforeEach(() => slack.standIn.reset());

  it('a command answered through a response_url that fails once with 502 still arrives', async () => {
    slack.standIn.failNext('response_url', { status: 502 });
    const res = await slack.command('help', { user: 'U100' });
    expect(res.status).toBe(200);
    const posted = await slack.standIn.waitForResponse((r) => r.path === new URL(res.responseUrl).pathname);
    expect(posted.body.text).toContain('pdsa-bot commands');
  });

  it('a DM answered while chat.postMessage fails once with 503 still gets its answer, once', async () => {
    slack.standIn.failNext('chat.postMessage', { status: 503 });
    const res = await slack.dm({ text: 'help', user: 'U100', channel: 'D100', eventId: 'EvRetryDm1' });
    expect(res.status).toBe(200);
    await slack.standIn.waitForCall(
      'chat.postMessage',
      (c) => c.answer !== undefined && c.args.channel === 'D100',
    );
    const posts = slack.standIn.callsTo('chat.postMessage');
    expect(posts).toHaveLength(2);
    expect(posts.filter((c) => c.answer !== undefined)).toHaveLength(1);
  });
});
