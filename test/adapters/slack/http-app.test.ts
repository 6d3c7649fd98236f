import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../support/test-db.ts';
import { fixtureJson, fixtureText, homeOpened } from './support/payloads.ts';
import { postSigned, slackSignature } from './support/signing.ts';
import {
  coreBot,
  SIGNING_SECRET,
  type SlackHarness,
  startSlackHarness,
  switchableBot,
} from './support/slack-harness.ts';

// The adapter's Bolt app on a loopback port, driven with signed requests
// shaped like Slack's, on the real bot core and a migrated database.

let database: TestDatabase;
let slack: SlackHarness;
let bot: ReturnType<typeof switchableBot>;

beforeAll(async () => {
  database = await createTestDatabase();
  bot = switchableBot(coreBot(database.db));
  slack = await startSlackHarness({ db: database.db, bot });
});
afterAll(async () => {
  await slack?.close();
  await database?.close();
});
beforeEach(async () => {
  bot.down = false;
  slack.standIn.reset();
  await database.reset();
});

const textOf = (body: Record<string, unknown>) => JSON.stringify(body.blocks ?? []) + String(body.text ?? '');

describe('request signatures', () => {
  it('refuses a wrong signature, another secret, a stale timestamp and a missing signature with 401', async () => {
    const body = JSON.stringify({ type: 'event_callback', event_id: 'EvSig', event: { type: 'message' } });
    const json = { contentType: 'application/json' as const, secret: SIGNING_SECRET };
    const wrong = await postSigned(slack.url, body, { ...json, signature: `v0=${'0'.repeat(64)}` });
    const otherSecret = await postSigned(slack.url, body, { ...json, secret: 'not-the-signing-secret' });
    const stale = await postSigned(slack.url, body, {
      ...json,
      timestamp: Math.floor(Date.now() / 1000) - 600,
    });
    const unsigned = await fetch(slack.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
    });
    expect([wrong.status, otherSecret.status, stale.status, unsigned.status]).toEqual([401, 401, 401, 401]);
    // (Bolt may verify its token with auth.test; nothing else reaches Slack or the core.)
    expect(slack.standIn.calls.filter((c) => c.method !== 'auth.test')).toEqual([]);
    expect(slack.standIn.responses).toEqual([]);
    expect(await database.db.selectFrom('inbound_events').selectAll().execute()).toEqual([]);
  });

  it("refuses Slack's own signed docs example because its timestamp is years old (a replay)", async () => {
    const meta = fixtureJson<{ signing_secret: string; timestamp: string; headers: Record<string, string> }>(
      'slash-command.signing-docs-example.meta.json',
    );
    const body = fixtureText('slash-command.signing-docs-example.form.txt').trimEnd();
    // The example is genuinely signed: the same signature is computed from its secret.
    expect(slackSignature(meta.signing_secret, meta.timestamp, body)).toBe(meta.headers['X-Slack-Signature']);
    const res = await postSigned(slack.url, body, {
      secret: meta.signing_secret,
      contentType: 'application/x-www-form-urlencoded',
      timestamp: Number(meta.timestamp),
      signature: meta.headers['X-Slack-Signature']!,
    });
    expect(res.status).toBe(401);
  });

  it('answers the url_verification challenge of a signed request', async () => {
    const res = await slack.event(fixtureText('url_verification.json'));
    expect(res.status).toBe(200);
    expect(res.text).toContain('valid_challenge_token');
  });
});

describe('/pdsa slash command', () => {
  it('acknowledges at once with an empty body, then answers `/pdsa help` through the response_url', async () => {
    const res = await slack.command('help', { user: 'U100' });
    expect(res.status).toBe(200);
    expect(res.text).toBe('');
    const posted = await slack.standIn.waitForResponse((r) => r.path === new URL(res.responseUrl).pathname);
    expect(posted.body.response_type).toBe('ephemeral');
    expect(posted.body.replace_original).toBe(false);
    expect(posted.body.text).toContain('pdsa-bot commands');
    const blocks = posted.body.blocks as { type: string; text?: { text: string } }[];
    expect(blocks[0]).toEqual({
      type: 'header',
      text: { type: 'plain_text', text: 'pdsa-bot commands', emoji: true },
    });
    expect(blocks.some((b) => b.type === 'section' && b.text?.text.includes('`start`'))).toBe(true);
    // The person's name and time zone came from users.info, their DM from conversations.open.
    expect(slack.standIn.callsTo('users.info')[0]?.args.user).toBe('U100');
    const person = await database.db
      .selectFrom('people')
      .selectAll()
      .where('platform_user_id', '=', 'U100')
      .executeTakeFirstOrThrow();
    expect(person).toMatchObject({ platform: 'slack', workspace_id: 'T111', time_zone: 'America/Chicago' });
    expect(person.address).toEqual({ platform: 'slack', team: 'T111', channel: 'D100', user: 'U100' });
  });

  it('passes the text as typed, so that a mistyped command gets a suggestion', async () => {
    const res = await slack.command('hlep', { user: 'U100' });
    const posted = await slack.standIn.waitForResponse((r) => r.path === new URL(res.responseUrl).pathname);
    expect(textOf(posted.body)).toContain('Did you mean `help`?');
  });
});

describe('direct messages (message.im)', () => {
  it('hands a DM to the core as a reply and answers in the DM, in the thread it was written in', async () => {
    const res = await slack.dm({ text: 'hello there', eventId: 'EvDm1', user: 'U200', channel: 'D200' });
    expect(res.status).toBe(200);
    const post = await slack.standIn.waitForCall('chat.postMessage', (c) => c.args.channel === 'D200');
    expect(String(post.args.text)).toContain("I'm not waiting for an answer from you right now");
    expect(post.args.thread_ts).toBeUndefined();

    await slack.dm({
      text: 'and in a thread',
      eventId: 'EvDm2',
      user: 'U200',
      channel: 'D200',
      threadTs: '1700.1',
    });
    const threaded = await slack.standIn.waitForCall(
      'chat.postMessage',
      (c) => c.args.thread_ts === '1700.1',
    );
    expect(threaded.args.channel).toBe('D200');
    const raw = await database.db
      .selectFrom('inbound_events')
      .select('event_id')
      .orderBy('event_id')
      .execute();
    expect(raw.map((r) => r.event_id)).toEqual(['EvDm1', 'EvDm2']);
  });

  it('handles a retried event (same event_id, X-Slack-Retry-Num) once, and acknowledges both', async () => {
    const first = await slack.dm({ text: 'hello', eventId: 'EvRetry', user: 'U201', channel: 'D201' });
    const retry = await slack.dm(
      { text: 'hello', eventId: 'EvRetry', user: 'U201', channel: 'D201' },
      { retryNum: 1, retryReason: 'http_timeout' },
    );
    expect([first.status, retry.status]).toEqual([200, 200]);
    await slack.standIn.waitForCall('chat.postMessage', (c) => c.args.channel === 'D201');
    await new Promise((r) => setTimeout(r, 200));
    expect(slack.standIn.callsTo('chat.postMessage').filter((c) => c.args.channel === 'D201')).toHaveLength(
      1,
    );
    const seen = await database.db
      .selectFrom('inbound_events')
      .selectAll()
      .where('event_id', '=', 'EvRetry')
      .execute();
    expect(seen).toHaveLength(1);
  });

  it("answers 500 while the database is down, then processes Slack's retry of the same event once", async () => {
    bot.down = true;
    const failed = await slack.dm({ text: 'hello', eventId: 'EvBack', user: 'U202', channel: 'D202' });
    expect(failed.status).toBe(500);
    bot.down = false;
    const retried = await slack.dm(
      { text: 'hello', eventId: 'EvBack', user: 'U202', channel: 'D202' },
      { retryNum: 1, retryReason: 'http_error' },
    );
    expect(retried.status).toBe(200);
    await slack.standIn.waitForCall('chat.postMessage', (c) => c.args.channel === 'D202');
    expect(slack.standIn.callsTo('chat.postMessage')).toHaveLength(1);
  });

  it('acknowledges but ignores edits, bot messages and channel messages', async () => {
    const edit = await slack.dm({ text: 'edited', eventId: 'EvEdit', subtype: 'message_changed' });
    const fromBot = await slack.dm({ text: 'beep', eventId: 'EvBot', botId: 'B999' });
    const channel = await slack.event(fixtureText('message.channel.with-blocks.event_callback.json'));
    expect([edit.status, fromBot.status, channel.status]).toEqual([200, 200, 200]);
    await new Promise((r) => setTimeout(r, 200));
    expect(slack.standIn.callsTo('chat.postMessage')).toEqual([]);
    expect(await database.db.selectFrom('inbound_events').selectAll().execute()).toEqual([]);
  });
});

describe('App Home', () => {
  it("publishes the person's overview when they open the Home tab", async () => {
    const res = await slack.event(homeOpened({ eventId: 'EvHome1', user: 'U200', channel: 'D200' }));
    expect(res.status).toBe(200);
    const published = await slack.standIn.waitForCall('views.publish');
    expect(published.args.user_id).toBe('U200');
    const view = published.args.view as { type: string; blocks: { type: string }[] };
    expect(view.type).toBe('home');
    expect(view.blocks[0]?.type).toBe('header');
    expect(JSON.stringify(view.blocks)).toContain('not in an improvement network yet');
  });
});
