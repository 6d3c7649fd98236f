import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { composeCheckinPrompt } from '../../src/bot/checkins/compose-prompt.ts';
import type { Platform } from '../../src/core/domain.ts';
import { localInstant } from '../../src/core/schedule/local-time.ts';
import { defaultSettings } from '../../src/core/settings.ts';
import { postDueDigests } from '../../src/digest/post-digests.ts';
import type { PlatformPort } from '../../src/platform/platform-port.ts';
import { createDispatcher } from '../../src/scheduler/dispatcher.ts';
import { planDue } from '../../src/scheduler/planner.ts';
import { midweek, seedCheckin, seedCycle } from '../digest/support/seed.ts';
import { coreBot, type SlackHarness, startSlackHarness } from './slack/support/slack-harness.ts';
import {
  ANA,
  CHANNEL_ID,
  cardSubmit,
  channelMention,
  FRAN,
  personalMessage,
} from './teams/support/activities.ts';
import { cardErrors, cardsOf, cardText, submitData } from './teams/support/cards.ts';
import { PUBLIC_URL, startTeamsHarness, type TeamsHarness } from './teams/support/harness.ts';
import { PLAN_ANSWERS, seedTeamsNetwork, type TeamsNetwork } from './teams/support/seed.ts';

// One network, two platforms: Lincoln works in Microsoft Teams (Ana, and
// Fran who runs the network), Roosevelt in Slack (Sam). Both sites are
// prompted and answer on their own platform, through the real adapters on
// loopback and one database; the weekly digest goes to the network's Teams
// channel with both sites and the run chart, which the bot serves itself.

const SAM = { user: 'U500', dm: 'D500', name: 'Sam' };
const SLACK_TEAM = 'T111';
const ZONE = 'America/Chicago';

let h: TeamsHarness;
let slack: SlackHarness;
let s: TeamsNetwork;
let roosevelt: { id: number };
let samMember: { id: number };
let event = 0;

beforeAll(async () => {
  h = await startTeamsHarness(localInstant('2026-11-30', 9, 0, ZONE)); // Monday of week 49
  slack = await startSlackHarness({ db: h.db, bot: coreBot(h.db, () => h.now()) });
});
afterAll(async () => {
  await slack?.close();
  await h?.close();
});

beforeEach(async () => {
  await h.reset();
  slack.standIn.calls.length = 0;
  h.setNow(localInstant('2026-11-30', 9, 0, ZONE));
  s = await seedTeamsNetwork(h);
  roosevelt = await h.db
    .insertInto('sites')
    .values({ network_id: s.network.id, name: 'Roosevelt' })
    .returning('id')
    .executeTakeFirstOrThrow();
  const sam = await h.db
    .insertInto('people')
    .values({
      platform: 'slack',
      workspace_id: SLACK_TEAM,
      platform_user_id: SAM.user,
      display_name: SAM.name,
      time_zone: ZONE,
      address: { platform: 'slack', team: SLACK_TEAM, channel: SAM.dm, user: SAM.user },
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  samMember = await h.db
    .insertInto('members')
    .values({ network_id: s.network.id, person_id: sam.id, site_id: roosevelt.id, role: 'educator' })
    .returning('id')
    .executeTakeFirstOrThrow();
});

const ports = () =>
  new Map<Platform, PlatformPort>([
    ['teams', h.teams.port],
    ['slack', slack.adapter.port],
  ]);

async function runScheduler() {
  await planDue({ db: h.db, now: h.now(), settings: defaultSettings, composePrompt: composeCheckinPrompt });
  const dispatcher = createDispatcher({
    db: h.db,
    ports: ports(),
    clock: () => h.now(),
    owner: 'mixed-network-test',
    leaseMs: 60_000,
    batchSize: 20,
    maxAttempts: 3,
  });
  const result = await dispatcher.dispatchDue();
  await dispatcher.stop();
  return result;
}

/** The cards posted to Teams since the last call, each checked against the Adaptive Card 1.5 schema. */
function teamsCards() {
  const cards = h.standIn.calls
    .filter((c) => c.body && c.method === 'POST' && /\/activities/.test(c.path))
    .flatMap((c) => cardsOf(c.body).map((card) => ({ conversationId: c.conversationId ?? '', card })));
  for (const { card } of cards) expect(cardErrors(card)).toEqual([]);
  h.standIn.calls.length = 0;
  return cards;
}

const ANA_PERSON = 'Ana';

/** The Teams activity id of the prompt the dispatcher sent to someone, as Teams puts it in a card's submit. */
async function promptActivityId(displayName: string): Promise<string> {
  const row = await h.db
    .selectFrom('deliveries')
    .innerJoin('people', 'people.id', 'deliveries.person_id')
    .select('deliveries.message_ref')
    .where('people.display_name', 'like', `${displayName}%`)
    .where('deliveries.status', '=', 'sent')
    .executeTakeFirstOrThrow();
  return (row.message_ref as { activityId: string }).activityId;
}

const slackDm = (text: string) =>
  slack.dm({ text, user: SAM.user, channel: SAM.dm, team: SLACK_TEAM, eventId: `EvMixed${++event}` });

/** Eight weeks of Study results at both sites up to the digest's week, for its comparison and chart. */
async function seedHistory() {
  const lincolnOwner = s.educators[0]!.memberId;
  const weeks = [
    '2026-W42',
    '2026-W43',
    '2026-W44',
    '2026-W45',
    '2026-W46',
    '2026-W47',
    '2026-W48',
    '2026-W49',
  ];
  for (const [i, week] of weeks.entries()) {
    for (const [siteId, ownerId, base] of [
      [s.lincoln.id, lincolnOwner, 14],
      [roosevelt.id, samMember.id, 10],
    ] as const) {
      const cycle = await seedCycle(
        h.db,
        { networkId: s.network.id, siteId, ideaId: s.idea.id, measureId: s.measure.id, ownerId },
        week,
        { decision: 'adapt', closedAt: new Date(midweek(week).getTime() + 2 * 86_400_000) },
      );
      await seedCheckin(h.db, cycle.id, ownerId, 'study', midweek(week), {
        numerator: base + (i % 3),
        denominator: 24,
      });
    }
  }
}

describe('a network with one Teams site and one Slack site', () => {
  it('prompts each educator on their own platform, keeps both answers, and posts one digest with both sites and its chart to Teams', async () => {
    await seedHistory();
    await h.post(channelMention(h.env, FRAN, 'network channel here'));
    teamsCards();

    // Fran, in Teams, starts a cycle at each site; Sam is named by name, since Teams cannot @mention a Slack user.
    await h.post(
      personalMessage(h.env, FRAN, `start Lincoln idea 1 owner <@${ANA.aadObjectId}|Ana Lopez> for 2 weeks`),
    );
    await h.post(personalMessage(h.env, FRAN, 'start Roosevelt idea 1 owner Sam for 2 weeks'));
    const started = teamsCards().map((c) => cardText(c.card));
    expect(started.join('\n')).toMatch(/Cycle #\d+ started[\s\S]*Cycle #\d+ started/);

    // The scheduler prompts both: a card in Ana's Teams chat, a DM in Sam's Slack.
    const sent = await runScheduler();
    expect(sent.sent).toBe(2);
    const [anaPrompt] = teamsCards();
    const anaChat = (s.educators[0]!.address as unknown as { reference: { conversation: { id: string } } })
      .reference;
    expect(anaPrompt!.conversationId).toBe(anaChat.conversation.id);
    const anaForm = submitData(anaPrompt!.card).find((d) => d.pdsa === 'form')!;
    const samPrompt = await slack.standIn.waitForCall('chat.postMessage', (c) => c.args.channel === SAM.dm);
    expect(String(samPrompt.args.text)).toMatch(/Plan/);

    // Ana submits the card; Sam answers question by question in his DM.
    expect(
      (
        await h.post(
          cardSubmit(
            h.env,
            ANA,
            { ...anaForm, ...PLAN_ANSWERS },
            { replyToId: await promptActivityId(ANA_PERSON) },
          ),
        )
      ).status,
    ).toBe(200);
    for (const reply of [
      'Does a warm welcome raise on-time arrival?',
      'Greet at the door',
      '12/24',
      'skip',
      'Sam at the door 7:50-8:05',
      'Tally at the bell',
    ]) {
      expect((await slackDm(reply)).status).toBe(200);
    }
    await slack.standIn.waitForCall('chat.postMessage', (c) =>
      String(c.args.text).startsWith('Plan answer saved'),
    );
    // The replies after the last answer, sent one after another, are all out.
    await slack.standIn.settled();
    const plans = await h.db
      .selectFrom('checkins')
      .innerJoin('cycles', 'cycles.id', 'checkins.cycle_id')
      .select(['cycles.site_id', 'checkins.status', 'checkins.numerator', 'checkins.denominator'])
      .where('checkins.phase', '=', 'plan')
      .orderBy('cycles.site_id')
      .execute();
    expect(plans).toEqual([
      { site_id: s.lincoln.id, status: 'answered', numerator: 18, denominator: 24 },
      { site_id: roosevelt.id, status: 'answered', numerator: 12, denominator: 24 },
    ]);

    // Monday of the next week, after the digest hour: the digest of week 49 goes to the Teams channel.
    h.setNow(localInstant('2026-12-07', 9, 0, ZONE));
    teamsCards();
    slack.standIn.calls.length = 0;
    expect(await postDueDigests({ db: h.db, now: h.now() })).toBe(1);
    await runScheduler();
    const inChannel = teamsCards().filter((c) => c.conversationId.startsWith(CHANNEL_ID));
    // The digest itself, and its details in the digest's thread.
    expect(inChannel.map((c) => c.conversationId)).toEqual([
      CHANNEL_ID,
      expect.stringMatching(new RegExp(`^${CHANNEL_ID};messageid=`)),
    ]);
    const digest = inChannel[0]!.card;
    const text = cardText(digest);
    expect(text).toContain('Literacy NIC: weekly digest, 30 Nov – 6 Dec 2026');
    expect(text).toContain('All 4 check-ins answered.');
    expect(text).toContain(
      'Lincoln has been above Roosevelt for the last 6 weeks: 63% against 46%. With only two sites the digest cannot tell which of them is the unusual one.',
    );
    expect(cardText(inChannel[1]!.card)).toMatch(/Lincoln[\s\S]*Roosevelt/);
    expect(cardText(inChannel[1]!.card)).toMatch(
      /By site \(answered \/ asked\): Lincoln 2\/2, Roosevelt 2\/2\./,
    );
    // Slack gets Sam's Do check-in, due today, and no digest.
    const toSlack = slack.standIn.calls.filter((c) => c.method === 'chat.postMessage');
    expect(toSlack.map((c) => [c.args.channel, String(c.args.text).split(' (')[0]])).toEqual([
      [SAM.dm, expect.stringMatching(/^Do check-in for cycle #\d+$/)],
    ]);

    // The chart is a link to the bot's own server, and that link serves the PNG.
    const images = (digest.body as Record<string, unknown>[]).filter((e) => e.type === 'Image');
    expect(images).toHaveLength(1);
    const url = String(images[0]!.url);
    expect(url).toMatch(new RegExp(`^${PUBLIC_URL}/files/[A-Za-z0-9_-]{43}/[A-Za-z0-9._-]+\\.png$`));
    const picture = await h.fetchLink(url);
    expect(picture.status).toBe(200);
    expect(picture.headers.get('content-type')).toBe('image/png');
    const bytes = new Uint8Array(await picture.arrayBuffer());
    expect([...bytes.slice(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);
    expect(bytes.length).toBeGreaterThan(10_000);
  });
});
