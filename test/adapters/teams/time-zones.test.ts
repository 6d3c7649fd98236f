import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { composeCheckinPrompt } from '../../../src/bot/checkins/compose-prompt.ts';
import { defaultSettings } from '../../../src/core/settings.ts';
import { planDue } from '../../../src/scheduler/planner.ts';
import { ANA, FRAN, personalMessage } from './support/activities.ts';
import { startTeamsHarness, type TeamsHarness } from './support/harness.ts';
import { seedTeamsNetwork, type TeamsNetwork } from './support/seed.ts';

// Teams clients report the person's time zone with each activity
// (`localTimezone`); the bot keeps it, so an educator in Los Angeles in a
// network run from Chicago is prompted at 8 a.m. in Los Angeles.

let h: TeamsHarness;
let s: TeamsNetwork;
beforeAll(async () => {
  h = await startTeamsHarness(new Date('2026-11-30T13:00:00Z')); // Monday 07:00 Chicago, 05:00 Los Angeles
});
afterAll(() => h.close());
beforeEach(async () => {
  h.setNow(new Date('2026-11-30T13:00:00Z'));
  await h.reset();
  s = await seedTeamsNetwork(h);
});

const zoneOfAna = async () =>
  (
    await h.db
      .selectFrom('people')
      .select('time_zone')
      .where('id', '=', s.educators[0]!.personId)
      .executeTakeFirstOrThrow()
  ).time_zone;

const fromLosAngeles = (text: string, zone = 'America/Los_Angeles') => ({
  ...personalMessage(h.env, ANA, text),
  localTimezone: zone,
});

describe('time zones reported by Teams', () => {
  it('keeps the zone of each message, and ignores one that is not an IANA zone', async () => {
    await h.post(fromLosAngeles('status'));
    expect(await zoneOfAna()).toBe('America/Los_Angeles');
    await h.post(fromLosAngeles('status', 'Pacific Standard Time'));
    expect(await zoneOfAna()).toBe('America/Los_Angeles');
    await h.post(fromLosAngeles('status', 'Europe/Berlin'));
    expect(await zoneOfAna()).toBe('Europe/Berlin');
  });

  it("prompts at 8 a.m. in the educator's zone, not the network's", async () => {
    await h.post(fromLosAngeles('status'));
    await h.post(
      personalMessage(h.env, FRAN, `start Lincoln idea 1 owner <@${ANA.aadObjectId}|Ana Lopez> for 2 weeks`),
    );
    const plan = () =>
      planDue({ db: h.db, now: h.now(), settings: defaultSettings, composePrompt: composeCheckinPrompt });

    h.setNow(new Date('2026-11-30T14:00:00Z')); // 08:00 in Chicago, 06:00 in Los Angeles
    expect((await plan()).prompts).toBe(0);
    h.setNow(new Date('2026-11-30T16:00:00Z')); // 08:00 in Los Angeles
    expect((await plan()).prompts).toBe(1);
  });
});
