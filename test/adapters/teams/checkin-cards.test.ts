import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { composeCheckinPrompt } from '../../../src/bot/checkins/compose-prompt.ts';
import {
  ANA,
  cardSubmit,
  channelMention,
  executeInvoke,
  FRAN,
  personalMessage,
  sample,
} from './support/activities.ts';
import { ADAPTIVE_CARD, cardErrors, cardsOf, cardText, submitData } from './support/cards.ts';
import { startTeamsHarness, type TeamsHarness } from './support/harness.ts';
import { PLAN_ANSWERS, seedTeamsNetwork, type TeamsNetwork } from './support/seed.ts';

let h: TeamsHarness;
let s: TeamsNetwork;
beforeAll(async () => {
  h = await startTeamsHarness();
});
afterAll(() => h.close());
beforeEach(async () => {
  await h.reset();
  s = await seedTeamsNetwork(h);
});

const personalChat = (user: { aadObjectId: string }) => `a:1VF4K2uXl-personal-${user.aadObjectId}`;

/** Fran starts cycle #1 at Lincoln with Ana as owner, from her 1:1 chat. */
async function startCycle() {
  await h.post(
    personalMessage(h.env, FRAN, `start Lincoln idea 1 owner <@${ANA.aadObjectId}|Ana Lopez> for 2 weeks`),
  );
  h.standIn.calls.length = 0;
  const checkins = await h.db.selectFrom('checkins').selectAll().execute();
  expect(checkins).toHaveLength(1);
  return checkins[0]!;
}

/** The plan prompt sent to Ana through the port, as the outbox would, and its card. */
async function sendPlanPrompt(checkinId: number) {
  const ana = s.educators[0]!;
  const ref = (await h.teams.port.send(
    ana.address,
    await composeCheckinPrompt(h.db, checkinId, { reminder: 0 }),
  )) as {
    activityId: string;
  };
  const [call] = h.standIn.posted();
  const [card] = cardsOf(call!.body);
  expect(cardErrors(card)).toEqual([]);
  h.standIn.calls.length = 0;
  return { ref, card: card! };
}

describe('commands that name people', () => {
  it('starts a cycle typed in a channel, reading the @mentioned owner from the roster', async () => {
    const result = await h.post(
      channelMention(h.env, FRAN, `start Lincoln idea 1 owner <at>${ANA.name}</at> for 2 weeks`, {
        mentions: [ANA],
      }),
    );
    expect(result.status).toBe(200);
    expect(
      h.standIn.calls.some(
        (c) => c.method === 'GET' && c.activityId === undefined && c.path.includes('/members/'),
      ),
    ).toBe(true);
    const cycle = await h.db.selectFrom('cycles').selectAll().executeTakeFirstOrThrow();
    expect(cycle.owner_member_id).toBe(s.educators[0]!.memberId);
    // Fran's answer is for her: it goes to the 1:1 chat she added the app in, not the channel.
    const [reply] = h.standIn.posted();
    expect(reply!.conversationId).toBe(personalChat(FRAN));
    expect(cardText(cardsOf(reply!.body)[0]!)).toContain('Cycle #1 started');
  });
});

describe('a check-in answered in a card (Action.Submit)', () => {
  it('saves the answers, and replaces the form card by the answer', async () => {
    const plan = await startCycle();
    const { ref, card } = await sendPlanPrompt(plan.id);
    const [data] = submitData(card).filter((d) => d.pdsa === 'form');
    expect(data).toMatchObject({ pdsa: 'form', formId: `checkin:${plan.id}` });

    const result = await h.post(
      cardSubmit(h.env, ANA, { ...data, ...PLAN_ANSWERS }, { replyToId: ref.activityId }),
    );
    expect(result.status).toBe(200);
    expect(
      await h.db
        .selectFrom('checkins')
        .select(['status', 'numerator', 'denominator'])
        .where('id', '=', plan.id)
        .executeTakeFirstOrThrow(),
    ).toEqual({
      status: 'answered',
      numerator: 18,
      denominator: 24,
    });
    const put = h.standIn.calls.find((c) => c.method === 'PUT');
    expect(put).toMatchObject({ conversationId: personalChat(ANA), activityId: ref.activityId });
    const answered = cardsOf(put!.body)[0]!;
    expect(cardErrors(answered)).toEqual([]);
    expect(cardText(answered)).toContain('Plan answer for cycle #1 is saved');
    expect(cardText(answered)).toContain('Answered ✓');
    expect(submitData(answered).filter((d) => d.pdsa === 'form')).toEqual([]);
  });

  it('draws a form with a mistake again in place, every answer kept and the error under its field', async () => {
    const plan = await startCycle();
    const { ref, card } = await sendPlanPrompt(plan.id);
    const [data] = submitData(card).filter((d) => d.pdsa === 'form');
    const typed = { ...PLAN_ANSWERS, prediction: 'most of them' };
    expect(
      (await h.post(cardSubmit(h.env, ANA, { ...data, ...typed }, { replyToId: ref.activityId }))).status,
    ).toBe(200);
    expect(
      (await h.db.selectFrom('checkins').select('status').where('id', '=', plan.id).executeTakeFirstOrThrow())
        .status,
    ).toBe('open');
    // No separate message: the card itself says what to fix.
    expect(h.standIn.posted()).toEqual([]);
    const put = h.standIn.calls.find((c) => c.method === 'PUT');
    expect(put).toMatchObject({ conversationId: personalChat(ANA), activityId: ref.activityId });
    const again = cardsOf(put!.body)[0]!;
    expect(cardErrors(again)).toEqual([]);
    const body = again.body as Record<string, unknown>[];
    const values = Object.fromEntries(body.filter((e) => 'id' in e).map((e) => [e.id, e.value]));
    expect(values).toEqual({ ...typed, predictionReason: undefined });
    const at = body.findIndex((e) => e.id === 'prediction');
    expect(body[at + 1]).toMatchObject({ type: 'TextBlock', color: 'attention' });
    expect(String(body[at + 1]!.text)).toMatch(/most of them/);
    expect(cardText(again)).toContain('Nothing was saved yet.');

    // Fixed in the same card, it is saved.
    const [dataAgain] = submitData(again).filter((d) => d.pdsa === 'form');
    h.standIn.calls.length = 0;
    const fixed = await h.post(
      cardSubmit(h.env, ANA, { ...dataAgain, ...typed, prediction: '18/24' }, { replyToId: ref.activityId }),
    );
    expect(fixed.status).toBe(200);
    expect(
      await h.db
        .selectFrom('checkins')
        .select(['status', 'numerator'])
        .where('id', '=', plan.id)
        .executeTakeFirstOrThrow(),
    ).toEqual({
      status: 'answered',
      numerator: 18,
    });
    expect(cardText(cardsOf(h.standIn.calls.find((c) => c.method === 'PUT')!.body)[0]!)).toContain(
      'Answered ✓',
    );
  });

  it('sends the form again when it cannot be drawn in place', async () => {
    const plan = await startCycle();
    const { ref, card } = await sendPlanPrompt(plan.id);
    const [data] = submitData(card).filter((d) => d.pdsa === 'form');
    h.standIn.failNext({ method: 'PUT' }, { status: 404 });
    await h.post(
      cardSubmit(
        h.env,
        ANA,
        { ...data, ...PLAN_ANSWERS, prediction: 'most of them' },
        { replyToId: ref.activityId },
      ),
    );
    const [resent] = h.standIn.delivered();
    const again = cardsOf(resent!.body)[0]!;
    expect(cardText(again)).toContain('Nothing was saved yet.');
    const prediction = (again.body as Record<string, unknown>[]).find((e) => e.id === 'prediction');
    expect(prediction?.value).toBe('most of them');
  });

  it('explains the mistake in a message when the card did not carry its form', async () => {
    const plan = await startCycle();
    const { ref, card } = await sendPlanPrompt(plan.id);
    const [{ pdsaForm: _carried, ...data }] = submitData(card).filter((d) => d.pdsa === 'form') as [
      Record<string, unknown>,
    ];
    await h.post(
      cardSubmit(
        h.env,
        ANA,
        { ...data, ...PLAN_ANSWERS, prediction: 'most of them' },
        { replyToId: ref.activityId },
      ),
    );
    expect(h.standIn.calls.filter((c) => c.method === 'PUT')).toEqual([]);
    const [explained] = h.standIn.posted();
    expect(cardText(cardsOf(explained!.body)[0]!)).toContain('Nothing was saved yet');
  });

  it('saves a form pressed twice (Teams retried) once', async () => {
    const plan = await startCycle();
    const { ref, card } = await sendPlanPrompt(plan.id);
    const [data] = submitData(card).filter((d) => d.pdsa === 'form');
    const press = cardSubmit(h.env, ANA, { ...data, ...PLAN_ANSWERS }, { replyToId: ref.activityId });
    await h.post(press);
    const callsAfterFirst = h.standIn.calls.length;
    await h.post(press);
    expect(h.standIn.calls.length).toBe(callsAfterFirst);
    expect(await h.db.selectFrom('checkin_revisions').selectAll().execute()).toEqual([]);
  });

  it('opens the form again when its Answer button is pressed', async () => {
    const plan = await startCycle();
    await h.post(
      cardSubmit(
        h.env,
        ANA,
        { pdsa: 'action', actionId: `checkin.answer:${plan.id}`, value: String(plan.id) },
        { replyToId: '1:prompt' },
      ),
    );
    const cards = h.standIn.posted().map((c) => cardsOf(c.body)[0]!);
    expect(cards.map((c) => cardErrors(c))).toEqual(cards.map(() => []));
    expect(cards.map(cardText).join('\n')).toContain('Answer by replying here');
    expect(cards.flatMap(submitData)).toContainEqual(
      expect.objectContaining({ pdsa: 'form', formId: `checkin:${plan.id}` }),
    );
  });

  it('ignores a press on a card that is not ours', async () => {
    const recorded = sample('message.channel.adaptive-card-action-submit.recorded');
    const press = cardSubmit(h.env, ANA, recorded.value as Record<string, unknown>, {
      replyToId: String(recorded.replyToId),
    });
    expect((await h.post(press)).status).toBe(200);
    expect(h.standIn.calls).toEqual([]);
  });
});

describe('Action.Execute (adaptiveCard/action invokes)', () => {
  it('answers a button press in the invoke response and sends the form', async () => {
    const plan = await startCycle();
    const result = await h.post(
      executeInvoke(
        h.env,
        ANA,
        { pdsa: 'action', actionId: `checkin.answer:${plan.id}`, value: String(plan.id) },
        { replyToId: '1767765488332' },
      ),
    );
    expect(result).toEqual({
      status: 200,
      body: {
        statusCode: 200,
        type: 'application/vnd.microsoft.activity.message',
        value: expect.stringContaining('cycle #1'),
      },
    });
    const forms = h.standIn
      .posted()
      .flatMap((c) => cardsOf(c.body))
      .flatMap(submitData);
    expect(forms).toContainEqual(expect.objectContaining({ formId: `checkin:${plan.id}` }));
  });

  it('answers an accepted form with the card that replaces it', async () => {
    const plan = await startCycle();
    const result = await h.post(
      executeInvoke(
        h.env,
        ANA,
        { pdsa: 'form', formId: `checkin:${plan.id}`, ...PLAN_ANSWERS },
        { replyToId: '1767765488332' },
      ),
    );
    expect(result.status).toBe(200);
    const body = result.body as { statusCode: number; type: string; value: Record<string, unknown> };
    expect(body).toMatchObject({ statusCode: 200, type: ADAPTIVE_CARD });
    expect(cardErrors(body.value)).toEqual([]);
    expect(cardText(body.value)).toContain('Plan answer for cycle #1 is saved');
    const saved = await h.db
      .selectFrom('checkins')
      .select('status')
      .where('id', '=', plan.id)
      .executeTakeFirstOrThrow();
    expect(saved.status).toBe('answered');
  });

  it('answers a refused form with the same form, the answers kept and the error shown', async () => {
    const plan = await startCycle();
    const { card } = await sendPlanPrompt(plan.id);
    const [data] = submitData(card).filter((d) => d.pdsa === 'form');
    const result = await h.post(
      executeInvoke(h.env, ANA, { ...data, ...PLAN_ANSWERS, prediction: 'most of them' }, { replyToId: '1' }),
    );
    const body = result.body as { statusCode: number; type: string; value: Record<string, unknown> };
    expect(body).toMatchObject({ statusCode: 200, type: ADAPTIVE_CARD });
    expect(cardErrors(body.value)).toEqual([]);
    expect(cardText(body.value)).toContain('Nothing was saved yet.');
    const inputs = (body.value.body as Record<string, unknown>[]).filter((e) => 'id' in e);
    expect(inputs.find((e) => e.id === 'prediction')?.value).toBe('most of them');
    expect(
      (await h.db.selectFrom('checkins').select('status').where('id', '=', plan.id).executeTakeFirstOrThrow())
        .status,
    ).toBe('open');
  });

  it('answers an invoke for a card that is not ours, and acknowledges other invokes', async () => {
    const foreign = await h.post(executeInvoke(h.env, ANA, { feedback: 'test invokes' }, { replyToId: '1' }));
    expect(foreign).toEqual({
      status: 200,
      body: {
        statusCode: 200,
        type: 'application/vnd.microsoft.activity.message',
        value: 'This card is no longer in use.',
      },
    });
    const legacy = sample('invoke.channel.adaptive-card-action-submit-msteams-invoke.recorded');
    const acknowledged = await h.post({
      ...legacy,
      serviceUrl: h.env.serviceUrl,
      recipient: { id: h.env.botId, name: 'pdsa-bot' },
    });
    expect(acknowledged.status).toBe(200);
    expect(h.standIn.calls).toEqual([]);
  });
});
