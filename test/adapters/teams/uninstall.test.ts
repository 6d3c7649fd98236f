import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { REMOVED_REASON } from '../../../adapters/teams/inbound/uninstall.ts';
import { composeCheckinPrompt } from '../../../src/bot/checkins/compose-prompt.ts';
import { defaultSettings } from '../../../src/core/settings.ts';
import { planDue } from '../../../src/scheduler/planner.ts';
import {
  ANA,
  CHANNEL_ID,
  FRAN,
  personalInstall,
  personalMessage,
  personalUninstall,
  TENANT,
  teamInstall,
  teamUninstall,
} from './support/activities.ts';
import { cardsOf, cardText } from './support/cards.ts';
import { startTeamsHarness, type TeamsHarness } from './support/harness.ts';
import { seedTeamsNetwork, type TeamsNetwork } from './support/seed.ts';

// Removing the app is learned when it happens (installationUpdate, or the
// bot among a team's membersRemoved), not at the next prompt's 403.

let h: TeamsHarness;
let s: TeamsNetwork;
beforeAll(async () => {
  h = await startTeamsHarness(new Date('2026-11-30T15:00:00Z')); // Monday 09:00 in Chicago
});
afterAll(() => h.close());
beforeEach(async () => {
  await h.reset();
  s = await seedTeamsNetwork(h);
});

const ana = () =>
  h.db
    .selectFrom('people')
    .select(['unreachable_at', 'unreachable_reason'])
    .where('id', '=', s.educators[0]!.personId)
    .executeTakeFirstOrThrow();

const plan = () =>
  planDue({ db: h.db, now: h.now(), settings: defaultSettings, composePrompt: composeCheckinPrompt });

describe('someone removes the app from their 1:1 chat', () => {
  it('is marked unreachable at once, is not prompted, and facilitators see it', async () => {
    await h.post(
      personalMessage(h.env, FRAN, `start Lincoln idea 1 owner <@${ANA.aadObjectId}|Ana Lopez> for 2 weeks`),
    );
    h.standIn.calls.length = 0;

    expect((await h.post(personalUninstall(h.env, ANA))).status).toBe(200);
    expect(h.standIn.calls).toEqual([]);
    expect(await ana()).toEqual({ unreachable_at: h.now(), unreachable_reason: REMOVED_REASON });
    expect((await plan()).prompts).toBe(0);

    await h.post(personalMessage(h.env, FRAN, 'members'));
    const listed = h.standIn.calls
      .flatMap((c) => cardsOf(c.body))
      .map(cardText)
      .join('\n');
    expect(listed).toMatch(/Ana Lopez[^\n]*can't be reached/);
  });

  it('adding the app again makes them reachable, and the prompt goes out', async () => {
    await h.post(
      personalMessage(h.env, FRAN, `start Lincoln idea 1 owner <@${ANA.aadObjectId}|Ana Lopez> for 2 weeks`),
    );
    await h.post(personalUninstall(h.env, ANA));
    await h.post(personalInstall(h.env, ANA));
    expect(await ana()).toEqual({ unreachable_at: null, unreachable_reason: null });
    expect((await plan()).prompts).toBe(1);
  });

  it('an upgrade of the app (remove-upgrade, add-upgrade) changes nothing', async () => {
    for (const action of ['remove-upgrade', 'add-upgrade']) {
      expect((await h.post({ ...personalUninstall(h.env, ANA), action })).status).toBe(200);
    }
    expect((await ana()).unreachable_at).toBeNull();
    expect(h.standIn.calls).toEqual([]);
  });

  it('from someone the bot never knew, changes nothing', async () => {
    const stranger = { ...ANA, id: '29:stranger', aadObjectId: '00000000-0000-0000-0000-0000000000ff' };
    expect((await h.post(personalUninstall(h.env, stranger))).status).toBe(200);
    const people = await h.db.selectFrom('people').select('unreachable_at').execute();
    expect(people.every((p) => p.unreachable_at === null)).toBe(true);
  });
});

describe('the app removed from a team', () => {
  it('forgets the team channel and posts nothing', async () => {
    await h.post(teamInstall(h.env, FRAN));
    const conversations = async () => {
      const row = await h.db
        .selectFrom('installations')
        .select('credentials')
        .where('workspace_id', '=', TENANT)
        .executeTakeFirstOrThrow();
      return Object.keys((row.credentials as { conversations: Record<string, unknown> }).conversations);
    };
    expect(await conversations()).toEqual([CHANNEL_ID]);
    h.standIn.calls.length = 0;

    expect((await h.post(teamUninstall(h.env, FRAN))).status).toBe(200);
    expect(await conversations()).toEqual([]);
    expect(h.standIn.calls).toEqual([]);
    // Nobody is made unreachable by a team's removal.
    expect((await ana()).unreachable_at).toBeNull();
  });
});
