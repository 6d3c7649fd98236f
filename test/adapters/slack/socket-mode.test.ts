import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createSlackAdapter, type SlackAdapter } from '../../../adapters/slack/index.ts';
import { createTestDatabase, type TestDatabase } from '../../support/test-db.ts';
import { directMessage } from './support/payloads.ts';
import { BOT_TOKEN, coreBot, switchableBot } from './support/slack-harness.ts';
import { SlackStandIn } from './support/slack-stand-in.ts';
import { SocketModeStandIn } from './support/socket-mode-stand-in.ts';

// Socket Mode (SLACK_APP_TOKEN set): the adapter connects out to Slack and
// acknowledges each envelope on the socket. An event the core could not
// store is left unacknowledged, so that Slack delivers it again.

let database: TestDatabase;
let standIn: SlackStandIn;
let socket: SocketModeStandIn;
let adapter: SlackAdapter;
let bot: ReturnType<typeof switchableBot>;

beforeAll(async () => {
  database = await createTestDatabase();
  standIn = await SlackStandIn.start();
  socket = await SocketModeStandIn.start();
  standIn.answer('apps.connections.open', { ok: true, url: socket.url });
  bot = switchableBot(coreBot(database.db));
  adapter = createSlackAdapter({
    config: { botToken: BOT_TOKEN, appToken: 'xapp-1-A111-test', apiUrl: standIn.apiUrl, port: 0 },
    bot,
    db: database.db,
  });
  await adapter.start();
});
afterAll(async () => {
  await adapter?.stop();
  await socket?.close();
  await standIn?.close();
  await database?.close();
});
beforeEach(() => {
  bot.down = false;
  standIn.reset();
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('Socket Mode', () => {
  it('connects through apps.connections.open with the app-level token', () => {
    expect(adapter.mode).toBe('socket');
    expect(adapter.listeningPort()).toBeUndefined();
  });

  it('leaves a DM unacknowledged while the database is down, and acks and answers its redelivery', async () => {
    bot.down = true;
    const dm = JSON.parse(
      directMessage({ text: 'hello', eventId: 'EvSock1', user: 'U400', channel: 'D400' }),
    );
    const first = socket.push('events_api', dm);
    await sleep(400);
    expect(socket.acked(first)).toBe(false);
    expect(standIn.callsTo('chat.postMessage')).toEqual([]);

    bot.down = false;
    const again = socket.push('events_api', dm, 1);
    await standIn.waitFor(() => (socket.acked(again) ? true : undefined), 5000, 'the ack of the redelivery');
    const reply = await standIn.waitForCall('chat.postMessage', (c) => c.args.channel === 'D400');
    expect(String(reply.args.text)).toContain("I'm not waiting for an answer");
  });

  it('acks a slash command at once and answers through its response_url', async () => {
    const responseUrl = standIn.responseUrl();
    const id = socket.push('slash_commands', {
      token: 'x',
      team_id: 'T111',
      team_domain: 'example',
      channel_id: 'C111',
      channel_name: 'improvement',
      user_id: 'U100',
      user_name: 'fran',
      command: '/pdsa',
      text: 'help',
      api_app_id: 'A111',
      response_url: responseUrl,
      trigger_id: '1.2.socket',
    });
    await standIn.waitFor(() => (socket.acked(id) ? true : undefined), 5000, 'the slash command ack');
    const posted = await standIn.waitForResponse((r) => r.path === new URL(responseUrl).pathname);
    expect(String(posted.body.text)).toContain('pdsa-bot commands');
  });
});
