import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Address } from '../../../src/core/address.ts';
import { message, textMessage } from '../../../src/core/message-model.ts';
import { DeliveryError, type MessageRef } from '../../../src/platform/platform-port.ts';
import {
  ANA,
  CHANNEL_ID,
  channelMention,
  FRAN,
  personalInstall,
  TENANT,
  teamInstall,
} from './support/activities.ts';
import { cardErrors, cardsOf, cardText } from './support/cards.ts';
import { personalChatId } from './support/connector-stand-in.ts';
import { APP_ID, startTeamsHarness, type TeamsHarness } from './support/harness.ts';

let h: TeamsHarness;
beforeAll(async () => {
  h = await startTeamsHarness();
});
afterAll(() => h.close());
beforeEach(() => h.reset());

async function anaAddress(): Promise<Address> {
  await h.post(personalInstall(h.env, ANA));
  const person = await h.db.selectFrom('people').select('address').executeTakeFirstOrThrow();
  h.standIn.calls.length = 0;
  return person.address!;
}

async function channelAddress(): Promise<Address> {
  await h.post(teamInstall(h.env, FRAN));
  const installation = await h.db.selectFrom('installations').selectAll().executeTakeFirstOrThrow();
  h.standIn.calls.length = 0;
  return (installation.credentials as { conversations: Record<string, Address> }).conversations[CHANNEL_ID]!;
}

async function failure(promise: Promise<unknown>): Promise<DeliveryError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DeliveryError);
  return error as DeliveryError;
}

const prompt = message(
  'Plan check-in for cycle #1',
  { type: 'heading', text: 'Plan check-in · cycle #1' },
  { type: 'text', text: 'Time to plan your test.' },
);

describe('sending through stored conversation references', () => {
  it('sends a proactive message to the 1:1 chat recorded at installation, as a new post', async () => {
    const address = await anaAddress();
    const ref = await h.teams.port.send(address, prompt);
    const [call, ...more] = h.standIn.calls;
    expect(more).toEqual([]);
    expect(call).toMatchObject({
      method: 'POST',
      path: `/v3/conversations/${encodeURIComponent(`a:1VF4K2uXl-personal-${ANA.aadObjectId}`)}/activities`,
    });
    expect(call!.body).toMatchObject({
      type: 'message',
      summary: 'Plan check-in for cycle #1',
      from: { id: `28:${APP_ID}` },
      conversation: { tenantId: TENANT },
    });
    expect(call!.body?.replyToId).toBeUndefined();
    const [card] = cardsOf(call!.body);
    expect(cardErrors(card)).toEqual([]);
    expect(cardText(card!)).toContain('Plan check-in · cycle #1');
    expect(ref).toEqual({
      conversationId: `a:1VF4K2uXl-personal-${ANA.aadObjectId}`,
      activityId: expect.any(String),
      serviceUrl: h.standIn.serviceUrl,
      tenantId: TENANT,
      botId: `28:${APP_ID}`,
    });
  });

  it('posts a digest to a channel, then a reply in its thread', async () => {
    const address = await channelAddress();
    const digest = await h.teams.port.send(address, textMessage('Weekly digest'));
    const reply = await h.teams.port.send(address, textMessage('Details'), { threadOf: digest });
    const [first, second] = h.standIn.calls;
    expect(first!.conversationId).toBe(CHANNEL_ID);
    expect(second!.conversationId).toBe(
      `${CHANNEL_ID};messageid=${(digest as { activityId: string }).activityId}`,
    );
    expect(reply).toMatchObject({ conversationId: CHANNEL_ID });
  });

  it('updates a sent message in place', async () => {
    const address = await anaAddress();
    const ref = await h.teams.port.send(address, prompt);
    await h.teams.port.update(ref, textMessage('Answered ✓'));
    const put = h.standIn.calls.find((c) => c.method === 'PUT');
    expect(put).toMatchObject({
      conversationId: `a:1VF4K2uXl-personal-${ANA.aadObjectId}`,
      activityId: (ref as { activityId: string }).activityId,
    });
    expect(cardText(cardsOf(put!.body)[0]!)).toContain('Answered ✓');
  });

  it('opens a 1:1 chat with someone known by an @mention, and keeps it', async () => {
    h.standIn.roster.set(ANA.id, { id: ANA.id, name: ANA.name, aadObjectId: ANA.aadObjectId });
    // The app is in the team; Ana never wrote to the bot, Fran names her in a command.
    await h.post(teamInstall(h.env, FRAN));
    await h.post(channelMention(h.env, FRAN, `help <at>${ANA.name}</at>`, { mentions: [ANA] }));
    const ana = await h.db
      .selectFrom('people')
      .selectAll()
      .where('platform_user_id', '=', ANA.aadObjectId)
      .executeTakeFirstOrThrow();
    expect(ana.address).toEqual({
      platform: 'teams',
      user: ANA.aadObjectId,
      workspace: TENANT,
      memberId: ANA.id,
    });
    h.standIn.calls.length = 0;

    const ref = await h.teams.port.send(ana.address!, prompt);
    expect(h.standIn.calls.map((c) => `${c.method} ${c.conversationId ?? ''}`)).toEqual([
      'POST ',
      `POST ${personalChatId(ANA.id)}`,
    ]);
    expect(h.standIn.calls[0]!.body).toMatchObject({ members: [{ id: ANA.id }], tenantId: TENANT });
    expect(ref).toMatchObject({ conversationId: personalChatId(ANA.id) });
    const kept = await h.db
      .selectFrom('people')
      .select('address')
      .where('platform_user_id', '=', ANA.aadObjectId)
      .executeTakeFirstOrThrow();
    expect(kept.address).toMatchObject({
      scope: 'personal',
      reference: { conversation: { id: personalChatId(ANA.id) } },
    });
  });

  it('reports someone with no chat and no Teams id as unreachable', async () => {
    const error = await failure(
      h.teams.port.send({ platform: 'teams', user: ANA.aadObjectId, workspace: TENANT }, prompt),
    );
    expect(error.kind).toBe('permanent');
    expect(h.standIn.calls).toEqual([]);
  });
});

describe('failures', () => {
  it('403 (the user removed or blocked the app) is permanent', async () => {
    const address = await anaAddress();
    h.standIn.failNext(
      { method: 'POST' },
      {
        status: 403,
        body: {
          error: {
            code: 'BotNotInConversationRoster',
            message: 'The bot is not part of the conversation roster.',
          },
        },
      },
    );
    const error = await failure(h.teams.port.send(address, prompt));
    expect(error.kind).toBe('permanent');
    expect(error.message).toContain('403');
    expect(error.message).toContain('BotNotInConversationRoster');
  });

  it('404 (the conversation is gone) is permanent', async () => {
    const address = await anaAddress();
    h.standIn.failNext(
      {},
      { status: 404, body: { error: { code: 'ConversationNotFound', message: 'Conversation not found.' } } },
    );
    expect((await failure(h.teams.port.send(address, prompt))).kind).toBe('permanent');
  });

  it('429 is rate_limited with the Retry-After wait, at once (botbuilder does not retry)', async () => {
    const address = await anaAddress();
    h.standIn.failNext({ method: 'POST' }, { status: 429, headers: { 'Retry-After': '7' } });
    const started = Date.now();
    const error = await failure(h.teams.port.send(address, prompt));
    expect(error.kind).toBe('rate_limited');
    expect(error.retryAfterMs).toBe(7_000);
    expect(Date.now() - started).toBeLessThan(3_000);
    expect(h.standIn.calls.filter((c) => c.method === 'POST')).toHaveLength(1);
  });

  it('5xx is transient and tried once', async () => {
    const address = await anaAddress();
    h.standIn.failNext({}, { status: 503 });
    const error = await failure(h.teams.port.send(address, prompt));
    expect(error.kind).toBe('transient');
    expect(h.standIn.calls).toHaveLength(1);
  });

  it('a service that cannot be reached is transient', async () => {
    const address = await anaAddress();
    const reference = (address as unknown as { reference: Record<string, unknown> }).reference;
    const unreachable = { ...address, reference: { ...reference, serviceUrl: 'http://127.0.0.1:9/amer/' } };
    expect((await failure(h.teams.port.send(unreachable, prompt))).kind).toBe('transient');
  });

  it('an update refused with 403 is permanent; a ref that is not Teams is refused', async () => {
    const address = await anaAddress();
    const ref = await h.teams.port.send(address, prompt);
    h.standIn.failNext({ method: 'PUT' }, { status: 403 });
    expect((await failure(h.teams.port.update(ref, prompt))).kind).toBe('permanent');
    expect((await failure(h.teams.port.update({ channel: 'C1', ts: '1' } as MessageRef, prompt))).kind).toBe(
      'permanent',
    );
  });
});
