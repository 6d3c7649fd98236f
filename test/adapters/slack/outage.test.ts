import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { renderFormModal } from '../../../adapters/slack/render/modal.ts';
import { type OpenDatabase, openDatabase } from '../../../src/db/connect.ts';
import { dmButtonPress, homeOpened, textValues, viewSubmission } from './support/payloads.ts';
import { coreBot, type SlackHarness, startSlackHarness } from './support/slack-harness.ts';

// The bot's database is down (a PostgreSQL address where nothing listens):
// Slack must retry events, and people must be told that nothing was saved.

let down: OpenDatabase;
let slack: SlackHarness;

beforeAll(async () => {
  down = await openDatabase(
    { kind: 'postgres', url: 'postgres://postgres@127.0.0.1:1/nothing' },
    { poolSize: 2 },
  );
  slack = await startSlackHarness({ db: down.db, bot: coreBot(down.db) });
});
afterAll(async () => {
  await slack?.close();
  await down?.close();
});
beforeEach(() => slack.standIn.reset());

const NOTHING_SAVED = 'The database is not reachable, so nothing was saved.';

describe('when the database is down', () => {
  it('acknowledges a slash command, then tells the person plainly that nothing was saved', async () => {
    const res = await slack.command('network create "Literacy NIC"', { user: 'U100' });
    expect(res.status).toBe(200);
    const told = await slack.standIn.waitForResponse((r) => r.path === new URL(res.responseUrl).pathname);
    expect(told.body.response_type).toBe('ephemeral');
    expect(told.body.text).toBe(
      `${NOTHING_SAVED} Please type \`/pdsa network create "Literacy NIC"\` again in a minute.`,
    );
  });

  it('answers a DM event with HTTP 500 so that Slack retries it, and posts nothing', async () => {
    const res = await slack.dm({ text: 'hello', eventId: 'EvDown1', user: 'U200', channel: 'D200' });
    expect(res.status).toBe(500);
    const again = await slack.dm({ text: 'hello', eventId: 'EvDown1', user: 'U200' }, { retryNum: 1 });
    expect(again.status).toBe(500);
    expect(slack.standIn.callsTo('chat.postMessage')).toEqual([]);
    expect(slack.logs.some((l) => l.level === 'warn' && l.msg.includes('database unavailable'))).toBe(true);
  });

  it('answers app_home_opened with HTTP 500 so that Slack retries it', async () => {
    const res = await slack.event(homeOpened({ eventId: 'EvDownHome', user: 'U200' }));
    expect(res.status).toBe(500);
    expect(slack.standIn.callsTo('views.publish')).toEqual([]);
  });

  it('tells a person who pressed a button, in their DM', async () => {
    const res = await slack.interaction(
      dmButtonPress({ actionId: 'checkin.answer:1', value: '1', user: 'U200' }),
    );
    expect(res.status).toBe(200);
    const told = await slack.standIn.waitForCall('chat.postMessage', (c) => c.args.channel === 'D200');
    expect(String(told.args.text)).toContain(NOTHING_SAVED);
    expect(String(told.args.text)).toContain('press the button again');
  });

  it('shows "not saved" in the modal a form button opened', async () => {
    const res = await slack.interaction(
      dmButtonPress({ actionId: 'form.open:checkin:1', value: 'checkin:1', user: 'U200' }),
    );
    expect(res.status).toBe(200);
    const update = await slack.standIn.waitForCall('views.update');
    expect(slack.standIn.callsTo('views.open')[0]?.args.view).toMatchObject({ callback_id: 'pdsa.loading' });
    expect(JSON.stringify(update.args.view)).toContain(NOTHING_SAVED);
  });

  it('keeps a submitted modal open with "nothing was saved" under its first input', async () => {
    const view = renderFormModal(
      {
        formId: 'checkin:1',
        title: 'Do · cycle #1',
        submitLabel: 'Submit',
        inputs: [
          { kind: 'text', id: 'unexpected', label: 'What happened?', required: false, multiline: true },
          { kind: 'text', id: 'dataSoFar', label: 'Data so far', required: false },
        ],
      },
      { channel: 'D200' },
    );
    const res = await slack.interaction(
      viewSubmission({ view, values: textValues({ unexpected: 'Buses late', dataSoFar: '' }), user: 'U200' }),
    );
    expect(res.status).toBe(200);
    const body = JSON.parse(res.text) as { response_action: string; errors: Record<string, string> };
    expect(body.response_action).toBe('errors');
    expect(body.errors.unexpected).toContain('nothing was saved');
  });
});
