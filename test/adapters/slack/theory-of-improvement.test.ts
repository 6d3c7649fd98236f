import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../support/test-db.ts';
import { viewSubmission } from './support/payloads.ts';
import { type SlackHarness, startSlackHarness } from './support/slack-harness.ts';
import { FRAN, seedSlackNetwork } from './support/slack-seed.ts';
import type { RecordedCall } from './support/slack-stand-in.ts';

// Site conditions and the driver diagram through Slack: `/pdsa site Lincoln
// set` opens a modal with one choice per condition, its submission is saved
// and confirmed by DM, and `/pdsa drivers` answers with the diagram's
// picture uploaded beside its text.

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
beforeEach(async () => {
  slack.standIn.reset();
  await database.reset();
});

type View = { callback_id?: string; private_metadata?: string; blocks: Record<string, unknown>[] };
const viewOf = (call: RecordedCall) => call.args.view as View;

async function command(text: string) {
  const res = await slack.command(text, { user: FRAN.user });
  return slack.standIn.waitForResponse((r) => r.path === new URL(res.responseUrl).pathname);
}

describe('theory of improvement on Slack', () => {
  it("sets a site's conditions in a modal and confirms them by DM", async () => {
    const { lincoln } = await seedSlackNetwork(database.db);
    expect(
      String((await command('network conditions level: middle, high; locale: urban, rural')).body.text),
    ).toContain('Conditions of Literacy NIC');
    await slack.command('site Lincoln set', { user: FRAN.user });
    const opened = await slack.standIn.waitForCall('views.open');
    const view = viewOf(opened);
    expect(view.callback_id).toBe('pdsa.form');
    expect(JSON.parse(view.private_metadata!).formId).toBe(`site.conditions:${lincoln.id}`);
    const [level, locale] = view.blocks as {
      block_id: string;
      element: { type: string; options: { text: { text: string }; value: string }[] };
    }[];
    expect(level!.element.type).toBe('radio_buttons');
    expect(level!.element.options.map((o) => o.text.text)).toEqual(['middle', 'high', 'Not set']);
    const middle = level!.element.options[0]!.value;
    const urban = locale!.element.options[0]!.value;
    slack.standIn.reset();
    const saved = await slack.interaction(
      viewSubmission({
        view,
        user: FRAN.user,
        values: {
          [level!.block_id]: {
            [level!.block_id]: { type: 'radio_buttons', selected_option: { value: middle } },
          },
          [locale!.block_id]: {
            [locale!.block_id]: { type: 'radio_buttons', selected_option: { value: urban } },
          },
          from: { from: { type: 'datepicker', selected_date: null } },
        },
      }),
    );
    expect(saved.status).toBe(200);
    expect(saved.text).toBe('');
    const dm = await slack.standIn.waitForCall('chat.postMessage', (c) => c.args.channel === FRAN.dm);
    expect(String(dm.args.text)).toContain('Lincoln');
    expect(JSON.stringify(dm.args.blocks)).toContain('level is *middle*, for all its cycles so far');
    expect(
      await database.db.selectFrom('site_conditions').select(['valid_from', 'valid_to']).execute(),
    ).toEqual([
      { valid_from: null, valid_to: null },
      { valid_from: null, valid_to: null },
    ]);
  });

  it('answers `/pdsa drivers` with the diagram uploaded as a picture', async () => {
    await seedSlackNetwork(database.db);
    await command('driver add Belonging');
    await command('idea 1 driver Belonging');
    slack.standIn.reset();
    const answer = await command('drivers');
    expect(JSON.stringify(answer.body)).toContain('Belonging');
    const upload = await slack.standIn.waitForCall('files.getUploadURLExternal');
    expect(upload.args).toMatchObject({ filename: 'driver-diagram-literacy-nic.png' });
  });
});
