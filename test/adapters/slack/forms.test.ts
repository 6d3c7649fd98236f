import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../support/test-db.ts';
import {
  channelButtonPress,
  dmButtonPress,
  homeButtonPress,
  textValues,
  viewSubmission,
} from './support/payloads.ts';
import { type SlackHarness, startSlackHarness } from './support/slack-harness.ts';
import { ANA, FRAN, seedSlackNetwork } from './support/slack-seed.ts';
import type { RecordedCall } from './support/slack-stand-in.ts';

// Buttons and modals: a Plan check-in answered through a Slack modal, from
// the facilitator's `/pdsa start` to the saved answer.

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

type View = {
  type: string;
  callback_id?: string;
  private_metadata?: string;
  blocks: Record<string, unknown>[];
};
const viewOf = (call: RecordedCall) => call.args.view as View;

async function startCycleForAna(): Promise<number> {
  await seedSlackNetwork(database.db);
  const res = await slack.command(`start Lincoln idea 1 owner <@${ANA.user}|ana> from today for 2 weeks`, {
    user: FRAN.user,
  });
  const posted = await slack.standIn.waitForResponse((r) => r.path === new URL(res.responseUrl).pathname);
  expect(String(posted.body.text)).toContain('Cycle #1');
  const plan = await database.db
    .selectFrom('checkins')
    .select(['id', 'phase', 'status'])
    .executeTakeFirstOrThrow();
  expect(plan).toMatchObject({ phase: 'plan', status: 'open' });
  return plan.id;
}

describe('form buttons and modals', () => {
  it('opens a Loading modal at once for a form.open button, then replaces it with the check-in form', async () => {
    const checkinId = await startCycleForAna();
    slack.standIn.reset();
    const press = dmButtonPress({
      actionId: `form.open:checkin:${checkinId}`,
      value: `checkin:${checkinId}`,
      user: ANA.user,
      channel: ANA.dm,
      triggerId: '111.222.answer',
    });
    const ack = await slack.interaction(press);
    expect(ack.status).toBe(200);
    const update = await slack.standIn.waitForCall('views.update');
    // The first Web API call of the action is views.open with the trigger id, before the core ran.
    const first = slack.standIn.calls.find((c) => c.method.startsWith('views.') || c.method === 'users.info');
    expect(first?.method).toBe('views.open');
    expect(first?.args.trigger_id).toBe('111.222.answer');
    expect(viewOf(first!).callback_id).toBe('pdsa.loading');
    expect(update.args.view_id).toBe((first!.answer!.view as { id: string }).id);

    const form = viewOf(update);
    expect(form).toMatchObject({ type: 'modal', callback_id: 'pdsa.form' });
    expect(JSON.parse(form.private_metadata!)).toEqual({ formId: `checkin:${checkinId}`, channel: ANA.dm });
    const inputs = form.blocks.map((b) => [b.block_id, (b.element as { type: string }).type, b.optional]);
    expect(inputs).toEqual([
      ['question', 'plain_text_input', false],
      ['change', 'plain_text_input', false],
      ['prediction', 'plain_text_input', false],
      ['predictionReason', 'plain_text_input', true],
      ['logistics', 'plain_text_input', false],
      ['dataCollection', 'plain_text_input', false],
    ]);

    // A prediction that is not a number keeps the modal open with the error under that input.
    const answers = {
      question: 'Does greeting students raise on-time arrival?',
      change: 'Greet each student by name at the door',
      prediction: 'a lot more',
      predictionReason: 'They feel expected',
      logistics: 'Ana and Ben, 7:50-8:05',
      dataCollection: 'Tally at the bell',
    };
    const refused = await slack.interaction(
      viewSubmission({ view: form, values: textValues(answers), user: ANA.user }),
    );
    expect(refused.status).toBe(200);
    const errors = JSON.parse(refused.text) as { response_action: string; errors: Record<string, string> };
    expect(errors.response_action).toBe('errors');
    expect(Object.keys(errors.errors)).toEqual(['prediction']);
    expect(errors.errors.prediction).toContain('a lot more');

    // Corrected, it is saved: the modal closes (empty ack) and the confirmation comes by DM.
    const saved = await slack.interaction(
      viewSubmission({ view: form, values: textValues({ ...answers, prediction: '18/24' }), user: ANA.user }),
    );
    expect(saved.status).toBe(200);
    expect(saved.text).toBe('');
    const confirmation = await slack.standIn.waitForCall(
      'chat.postMessage',
      (c) => c.args.channel === ANA.dm && String(c.args.text).includes('saved'),
    );
    expect(JSON.stringify(confirmation.args.blocks)).toContain('18/24');
    const checkin = await database.db
      .selectFrom('checkins')
      .selectAll()
      .where('id', '=', checkinId)
      .executeTakeFirstOrThrow();
    expect(checkin).toMatchObject({ status: 'answered', numerator: 18, denominator: 24 });
  });

  it("shows the core's reason in the modal when the form cannot be opened", async () => {
    const checkinId = await startCycleForAna();
    slack.standIn.reset();
    // Fran presses Ana's button (from the Home tab): not her check-in.
    const ack = await slack.interaction(
      homeButtonPress({ actionId: `form.open:checkin:${checkinId}`, value: '', user: FRAN.user }),
    );
    expect(ack.status).toBe(200);
    const update = await slack.standIn.waitForCall('views.update');
    const view = viewOf(update);
    expect(view.callback_id).toBe('pdsa.info');
    expect(JSON.stringify(view.blocks)).toContain('not one of yours');
  });

  it('routes a plain button to the core and replies in the DM it was pressed in', async () => {
    await seedSlackNetwork(database.db);
    const ack = await slack.interaction(
      dmButtonPress({ actionId: 'checkin.answer:999', value: '999', user: ANA.user, channel: ANA.dm }),
    );
    expect(ack.status).toBe(200);
    const reply = await slack.standIn.waitForCall('chat.postMessage', (c) => c.args.channel === ANA.dm);
    expect(String(reply.args.text)).toMatch(/not one of yours|status/);
    expect(slack.standIn.callsTo('views.open')).toEqual([]);
  });

  it("answers a button in a channel's ephemeral message privately through its response_url", async () => {
    await seedSlackNetwork(database.db);
    const responseUrl = slack.standIn.responseUrl();
    const ack = await slack.interaction(
      channelButtonPress({ actionId: 'checkin.answer:999', value: '999', user: ANA.user, responseUrl }),
    );
    expect(ack.status).toBe(200);
    const answer = await slack.standIn.waitForResponse((r) => r.path === new URL(responseUrl).pathname);
    expect(answer.body).toMatchObject({ response_type: 'ephemeral', replace_original: false });
    expect(String(answer.body.text)).toContain('not one of yours');
    expect(slack.standIn.callsTo('chat.postMessage')).toEqual([]);
  });
});
