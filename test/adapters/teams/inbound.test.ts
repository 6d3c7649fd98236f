import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  ANA,
  CHANNEL_ID,
  channelMention,
  FRAN,
  groupChatInstall,
  personalInstall,
  personalMessage,
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

/** The one card of each activity posted to the stand-in, checked against the Adaptive Card 1.5 schema. */
function postedCards() {
  return h.standIn.posted().map((call) => {
    const [card, ...more] = cardsOf(call.body);
    expect(more).toEqual([]);
    expect(card, `activity without a card: ${JSON.stringify(call.body)}`).toBeDefined();
    expect(cardErrors(card)).toEqual([]);
    return { call, card: card!, text: cardText(card!) };
  });
}

describe('authentication', () => {
  it('refuses a request without a token, with a token signed by another key, or for another bot', async () => {
    const activity = personalMessage(h.env, ANA, 'help');
    expect((await h.post(activity, { authorization: null })).status).toBe(401);
    const forged = h.keys.sign(
      { iss: 'https://api.botframework.com', aud: APP_ID, serviceurl: activity.serviceUrl, exp: 9e9 },
      { kid: 'not-published' },
    );
    expect((await h.post(activity, { authorization: `Bearer ${forged}` })).status).toBe(401);
    const otherBot = h.keys.channelToken({ appId: 'another-app', serviceUrl: activity.serviceUrl });
    expect((await h.post(activity, { authorization: `Bearer ${otherBot}` })).status).toBe(401);
    const otherServiceUrl = h.keys.channelToken({ appId: APP_ID, serviceUrl: 'https://elsewhere.example/' });
    expect((await h.post(activity, { authorization: `Bearer ${otherServiceUrl}` })).status).toBe(401);
    expect(h.standIn.calls).toEqual([]);
    expect(await h.db.selectFrom('inbound_events').selectAll().execute()).toEqual([]);
  });

  it('answers a request with a valid token, and calls the connector with the token it was given', async () => {
    const result = await h.post(personalMessage(h.env, ANA, 'help'));
    expect(result.status).toBe(200);
    expect(h.standIn.calls.length).toBeGreaterThan(0);
    for (const call of h.standIn.calls)
      expect(h.standIn.issuedTokens).toContain(call.authorization?.slice(7));
  });
});

describe('installation', () => {
  it('in a 1:1 chat: records the person with the conversation reference and welcomes them', async () => {
    const result = await h.post(personalInstall(h.env, ANA));
    expect(result.status).toBe(200);

    const person = await h.db.selectFrom('people').selectAll().executeTakeFirstOrThrow();
    expect(person).toMatchObject({
      platform: 'teams',
      workspace_id: TENANT,
      platform_user_id: ANA.aadObjectId,
    });
    expect(person.address).toMatchObject({
      platform: 'teams',
      scope: 'personal',
      reference: {
        channelId: 'msteams',
        serviceUrl: h.standIn.serviceUrl,
        bot: { id: `28:${APP_ID}` },
        user: { id: ANA.id, aadObjectId: ANA.aadObjectId },
        conversation: { conversationType: 'personal', tenantId: TENANT },
      },
    });
    expect(
      (person.address as unknown as { reference: { activityId?: string } }).reference.activityId,
    ).toBeUndefined();

    const installation = await h.db.selectFrom('installations').selectAll().executeTakeFirstOrThrow();
    expect(installation).toMatchObject({ platform: 'teams', workspace_id: TENANT });
    expect(installation.credentials).toMatchObject({
      serviceUrl: h.standIn.serviceUrl,
      bot: { id: `28:${APP_ID}` },
    });

    const [welcome, ...more] = postedCards();
    expect(more).toEqual([]);
    expect(welcome!.call.conversationId).toBe(`a:1VF4K2uXl-personal-${ANA.aadObjectId}`);
    expect(welcome!.text).toContain('Welcome to pdsa-bot');
    expect(welcome!.text).toMatch(/How often: Four short check-ins per cycle/);
    expect(welcome!.text).toMatch(/How long: A couple of minutes/);
    expect(welcome!.text).toMatch(/Your data: Your answers are kept for your network/);
    expect(welcome!.text).toContain("You're not in an improvement network yet");
  });

  it('asks the roster for the name when the installation event has none', async () => {
    h.standIn.roster.set(ANA.id, { id: ANA.id, name: ANA.name, aadObjectId: ANA.aadObjectId });
    await h.post(personalInstall(h.env, ANA));
    const person = await h.db.selectFrom('people').selectAll().executeTakeFirstOrThrow();
    expect(person.display_name).toBe('Ana Lopez');
  });

  it('in a team: keeps the channel with the installation and posts a welcome in the channel', async () => {
    const result = await h.post(teamInstall(h.env, FRAN));
    expect(result.status).toBe(200);
    const installation = await h.db.selectFrom('installations').selectAll().executeTakeFirstOrThrow();
    const credentials = installation.credentials as { conversations: Record<string, unknown> };
    expect(credentials.conversations[CHANNEL_ID]).toMatchObject({
      platform: 'teams',
      scope: 'channel',
      name: 'Literacy NIC',
      reference: { conversation: { id: CHANNEL_ID, tenantId: TENANT } },
    });
    const [welcome] = postedCards();
    expect(welcome!.call.conversationId).toBe(CHANNEL_ID);
    expect(welcome!.text).toContain('network channel here');
    // Nobody's 1:1 address is taken from a channel.
    expect(await h.db.selectFrom('people').selectAll().execute()).toEqual([]);
  });

  it('in a group chat: welcomes the chat', async () => {
    expect((await h.post(groupChatInstall(h.env, FRAN))).status).toBe(200);
    const [welcome] = postedCards();
    expect(welcome!.call.conversationId).toBe('19:444d246d19234aab86db1a0cb3d13cb8@thread.v2');
    expect(welcome!.text).toContain('not in this chat');
  });

  it('ignores someone else joining a team', async () => {
    const activity = teamInstall(h.env, FRAN);
    activity.membersAdded = [{ id: ANA.id, aadObjectId: ANA.aadObjectId }];
    expect((await h.post(activity)).status).toBe(200);
    expect(h.standIn.calls).toEqual([]);
    expect(await h.db.selectFrom('installations').selectAll().execute()).toEqual([]);
  });
});

describe('typed messages', () => {
  it('answers `help` in a 1:1 chat with a valid card, as a reply in that chat', async () => {
    const activity = personalMessage(h.env, ANA, 'help');
    expect((await h.post(activity)).status).toBe(200);
    const [help, ...more] = postedCards();
    expect(more).toEqual([]);
    expect(help!.call.conversationId).toBe(activity.conversation.id);
    expect(help!.text).toContain('pdsa-bot commands');
    expect(help!.text).toContain('**start**');
    const event = await h.db.selectFrom('inbound_events').selectAll().executeTakeFirstOrThrow();
    expect(event.event_id).toBe(`${activity.conversation.id}|${activity.id}`);
  });

  it('reads `/pdsa help start` and any command word as a command, other text as a reply', async () => {
    await h.post(personalMessage(h.env, ANA, '/pdsa help start'));
    await h.post(personalMessage(h.env, ANA, 'Status'));
    await h.post(personalMessage(h.env, ANA, 'Greeting students at the door'));
    const [helpStart, status, reply] = postedCards();
    expect(helpStart!.text).toContain('start');
    expect(helpStart!.text).toMatch(/Usage/);
    expect(status!.text).not.toContain("I'm not waiting for an answer");
    expect(reply!.text).toContain("I'm not waiting for an answer from you right now");
  });

  it('handles an activity Teams delivers twice only once', async () => {
    const activity = personalMessage(h.env, ANA, 'help');
    expect((await h.post(activity)).status).toBe(200);
    expect((await h.post(activity)).status).toBe(200);
    expect(h.standIn.posted()).toHaveLength(1);
    expect(await h.db.selectFrom('inbound_events').selectAll().execute()).toHaveLength(1);
  });

  it('strips the bot mention in a channel and answers a private reply in a 1:1 chat it opens', async () => {
    const activity = channelMention(h.env, FRAN, 'help');
    expect((await h.post(activity)).status).toBe(200);
    const created = h.standIn.calls.find((c) => c.method === 'POST' && c.path === '/v3/conversations');
    expect(created?.body).toMatchObject({
      isGroup: false,
      bot: { id: `28:${APP_ID}` },
      members: [{ id: FRAN.id }],
      tenantId: TENANT,
      channelData: { tenant: { id: TENANT } },
    });
    const [help, ...more] = postedCards();
    expect(more).toEqual([]);
    expect(help!.call.conversationId).toBe(personalChatId(FRAN.id));
    expect(help!.text).toContain('pdsa-bot commands');
    const person = await h.db.selectFrom('people').selectAll().executeTakeFirstOrThrow();
    expect(person.address).toMatchObject({
      scope: 'personal',
      reference: { conversation: { id: personalChatId(FRAN.id), tenantId: TENANT }, user: { id: FRAN.id } },
    });
  });

  it('says it reads only text when a 1:1 message has none', async () => {
    const activity = personalMessage(h.env, ANA, '');
    activity.attachments = [{ contentType: 'image/png', contentUrl: 'https://example.org/a.png' }];
    expect((await h.post(activity)).status).toBe(200);
    const [hint] = postedCards();
    expect(hint!.text).toContain('I can only read typed text');
    expect(await h.db.selectFrom('inbound_events').selectAll().execute()).toEqual([]);
  });

  it('treats a bare mention of the bot in a channel as `help`', async () => {
    await h.post(channelMention(h.env, FRAN, ''));
    const [help] = postedCards();
    expect(help!.text).toContain('pdsa-bot commands');
  });

  it('posts in the thread when a 1:1 chat cannot be opened', async () => {
    h.standIn.failNext(
      { method: 'POST', path: /^\/v3\/conversations$/ },
      { status: 403, body: { error: { code: 'BotNotInConversationRoster', message: 'not installed' } } },
    );
    const activity = channelMention(h.env, FRAN, 'help');
    await h.post(activity);
    const [help] = postedCards();
    expect(help!.call.conversationId).toBe(activity.conversation.id);
    expect(help!.text).toContain('I could not reach you in a 1:1 chat');
  });

  it('passes the channel, not the thread, as the conversation of `network channel here`', async () => {
    await h.post(channelMention(h.env, FRAN, 'network create "Literacy NIC" tz America/Chicago'));
    h.standIn.calls.length = 0;
    await h.post(channelMention(h.env, FRAN, 'network channel here'));
    const network = await h.db.selectFrom('networks').selectAll().executeTakeFirstOrThrow();
    expect(network.digest_address).toMatchObject({
      platform: 'teams',
      scope: 'channel',
      reference: { conversation: { id: CHANNEL_ID } },
    });
    const [announcement] = postedCards();
    expect(announcement!.call.conversationId).toContain(CHANNEL_ID);
    expect(announcement!.text).toContain('chose this conversation for the weekly digest');
  });
});
