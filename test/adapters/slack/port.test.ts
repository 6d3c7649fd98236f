import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createSlackAdapter, slackPacingKeys } from '../../../adapters/slack/index.ts';
import type { SlackPort } from '../../../adapters/slack/port.ts';
import { message, textMessage } from '../../../src/core/message-model.ts';
import type { Db } from '../../../src/db/connect.ts';
import { DeliveryError } from '../../../src/platform/platform-port.ts';
import { collectingLog, type LogLine } from '../../support/collecting-log.ts';
import { BOT_TOKEN } from './support/slack-harness.ts';
import { SlackStandIn } from './support/slack-stand-in.ts';

// The outbound port against the stand-in Web API: what it posts, and how
// Slack's failures become the DeliveryError kinds the outbox acts on.

let standIn: SlackStandIn;
let port: SlackPort;
const logs: LogLine[] = [];

beforeAll(async () => {
  standIn = await SlackStandIn.start();
  // The single-workspace adapter never touches the database.
  const adapter = createSlackAdapter({
    config: { botToken: BOT_TOKEN, signingSecret: 'secret', apiUrl: standIn.apiUrl, port: 0 },
    bot: {
      handle: async () => ({ replies: [] }),
      home: async () => textMessage(''),
      choices: async () => [],
    },
    db: {} as Db,
    log: collectingLog(logs).log,
  });
  port = adapter.port;
});
afterAll(() => standIn.close());
beforeEach(() => standIn.reset());

const dm = { platform: 'slack' as const, team: 'T111', channel: 'D300', user: 'U300' };
// 1x1 transparent PNG
const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=';

async function failure(run: () => Promise<unknown>): Promise<DeliveryError> {
  try {
    await run();
  } catch (error) {
    expect(error).toBeInstanceOf(DeliveryError);
    return error as DeliveryError;
  }
  throw new Error('expected a DeliveryError');
}

describe('SlackPort.send and update', () => {
  it('posts blocks with the summary as fallback text, and returns channel, ts and team', async () => {
    const ref = await port.send(
      dm,
      message('Plan check-in for cycle #1', { type: 'text', text: '**Plan** now' }),
    );
    const [call] = standIn.callsTo('chat.postMessage');
    expect(call?.token).toBe(BOT_TOKEN);
    expect(call?.args).toMatchObject({
      channel: 'D300',
      text: 'Plan check-in for cycle #1',
      blocks: [{ type: 'section', text: { type: 'mrkdwn', text: '*Plan* now' } }],
    });
    expect(ref).toEqual({ channel: 'D300', ts: (call!.answer as { ts: string }).ts, team: 'T111' });
  });

  it('posts in the thread of `threadOf`, and opens a DM for an address with only a user', async () => {
    await port.send(dm, textMessage('in a thread'), { threadOf: { channel: 'D300', ts: '1700.5' } });
    expect(standIn.callsTo('chat.postMessage')[0]?.args.thread_ts).toBe('1700.5');
    const ref = await port.send({ platform: 'slack', user: 'U777', workspace: 'T111' }, textMessage('hi'));
    expect(standIn.callsTo('conversations.open')[0]?.args.users).toBe('U777');
    expect(ref.channel).toBe('D777');
  });

  it('uploads a chart to the channel and thread first (files upload v2), then posts the rest', async () => {
    await port.send(
      { platform: 'slack', team: 'T111', channel: 'C900' },
      message(
        'Weekly digest',
        { type: 'heading', text: 'Weekly digest' },
        {
          type: 'image',
          pngBase64: PNG,
          alt: 'Run chart of on-time arrival',
          fileName: 'chart.png',
          title: 'Lincoln',
        },
      ),
      { threadOf: { channel: 'C900', ts: '1700.9' } },
    );
    const methods = standIn.calls.map((c) => c.method);
    expect(methods).toEqual([
      'files.getUploadURLExternal',
      'files.completeUploadExternal',
      'chat.postMessage',
    ]);
    expect(standIn.uploads[0]?.bytes).toBeGreaterThan(0);
    expect(standIn.callsTo('files.getUploadURLExternal')[0]?.args).toMatchObject({
      filename: 'chart.png',
      alt_text: 'Run chart of on-time arrival',
    });
    expect(standIn.callsTo('files.completeUploadExternal')[0]?.args).toMatchObject({
      channel_id: 'C900',
      thread_ts: '1700.9',
    });
    const post = standIn.callsTo('chat.postMessage')[0]!;
    expect(post.args.blocks).toEqual([
      { type: 'header', text: { type: 'plain_text', text: 'Weekly digest', emoji: true } },
    ]);
  });

  it('updates a sent message with chat.update', async () => {
    await port.update({ channel: 'D300', ts: '1700.7', team: 'T111' }, textMessage('Answered ✓'));
    expect(standIn.callsTo('chat.update')[0]?.args).toMatchObject({
      channel: 'D300',
      ts: '1700.7',
      text: 'Answered ✓',
    });
  });
});

describe('Slack failures as DeliveryError', () => {
  it('reports HTTP 429 as rate_limited with Retry-After in ms, without retrying itself', async () => {
    standIn.failNext('chat.postMessage', { status: 429, retryAfter: 7 });
    const error = await failure(() => port.send(dm, textMessage('x')));
    expect(error.kind).toBe('rate_limited');
    expect(error.retryAfterMs).toBe(7000);
    expect(standIn.callsTo('chat.postMessage')).toHaveLength(1);
  });

  it('reports a person or place that is gone as permanent', async () => {
    for (const code of [
      'user_not_found',
      'channel_not_found',
      'is_archived',
      'cannot_dm_bot',
      'token_revoked',
    ]) {
      standIn.failNext('chat.postMessage', { error: code });
      const error = await failure(() => port.send(dm, textMessage('x')));
      expect([code, error.kind]).toEqual([code, 'permanent']);
    }
    standIn.failNext('chat.update', { error: 'account_inactive' });
    expect((await failure(() => port.update({ channel: 'D300', ts: '1' }, textMessage('x')))).kind).toBe(
      'permanent',
    );
  });

  it('reports Slack errors, 5xx and network failures as transient, once each', async () => {
    standIn.failNext('chat.postMessage', { error: 'internal_error' }, { status: 503 });
    expect((await failure(() => port.send(dm, textMessage('x')))).kind).toBe('transient');
    expect((await failure(() => port.send(dm, textMessage('x')))).kind).toBe('transient');
    expect(standIn.callsTo('chat.postMessage')).toHaveLength(2);

    const offline = createSlackAdapter({
      config: { botToken: BOT_TOKEN, signingSecret: 's', apiUrl: 'http://127.0.0.1:9/api/', port: 0 },
      bot: {
        handle: async () => ({ replies: [] }),
        home: async () => textMessage(''),
        choices: async () => [],
      },
      db: {} as Db,
    });
    expect((await failure(() => offline.port.send(dm, textMessage('x')))).kind).toBe('transient');
  });

  it('never logs the bot token', () => {
    expect(JSON.stringify(logs)).not.toContain(BOT_TOKEN);
  });
});

describe('pacing keys for the outbox', () => {
  it('groups sends by workspace, and a DM by person whether or not its channel is known', () => {
    expect(slackPacingKeys.workspaceKey({ platform: 'slack', team: 'T1', channel: 'D1', user: 'U1' })).toBe(
      'T1',
    );
    expect(slackPacingKeys.workspaceKey({ platform: 'slack', workspace: 'T1', user: 'U1' })).toBe('T1');
    const dmWithChannel = slackPacingKeys.conversationKey({
      platform: 'slack',
      team: 'T1',
      channel: 'D1',
      user: 'U1',
    });
    const dmByPerson = slackPacingKeys.conversationKey({ platform: 'slack', workspace: 'T1', user: 'U1' });
    expect(dmWithChannel).toBe(dmByPerson);
    expect(slackPacingKeys.conversationKey({ platform: 'slack', team: 'T1', channel: 'C9' })).toBe('T1:C9');
  });
});
