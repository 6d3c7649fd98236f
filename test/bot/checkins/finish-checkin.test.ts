import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { composeCheckinPrompt } from '../../../src/bot/checkins/compose-prompt.ts';
import { defaultSettings } from '../../../src/core/settings.ts';
import { planDue } from '../../../src/scheduler/planner.ts';
import { createTestDatabase, type TestDatabase } from '../../support/test-db.ts';
import { botHarness, promptOpenCheckins, seedNetwork, textOf } from '../support/bot-harness.ts';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.close());
beforeEach(() => t.reset());

const settings = { ...defaultSettings, defaultTimeZone: 'America/Chicago' };

/** A cycle of Ana's (with Ben) answered through Study, in the conversation. */
async function throughStudy() {
  await seedNetwork(t.db);
  const h = botHarness(t.db, new Date('2026-11-30T15:00:00Z'));
  await h.command('Fran', '/pdsa start Lincoln idea 1 owner @Ana with @Ben from today for 2 weeks');
  await promptOpenCheckins(t.db, h.now());
  for (const answer of ['Will greeting help?', 'Greet at the door', '18/24', 'skip', 'Ana and Ben', 'Tally'])
    await h.reply('Ana', answer);
  h.setNow(new Date('2026-12-07T14:05:00Z'));
  await promptOpenCheckins(t.db, h.now());
  for (const answer of ['yes', 'skip', '15 of 24']) {
    await h.reply('Ana', answer);
    await h.reply('Ben', answer);
  }
  h.setNow(new Date('2026-12-11T14:05:00Z'));
  await promptOpenCheckins(t.db, h.now());
  await h.reply('Ana', '20/24');
  await h.reply('Ana', 'Names matter');
  const studyDone = await h.reply('Ana', 'Late buses hide the effect');
  return { h, studyDone };
}

describe('asking Act in the conversation, right after Study', () => {
  it('counts the Act check-in as asked, queues nothing for it, and leaves only the reminders to the scheduler', async () => {
    const { h, studyDone } = await throughStudy();
    expect(textOf(studyDone)).toContain('Act check-in');

    const act = await t.db
      .selectFrom('checkins')
      .selectAll()
      .where('phase', '=', 'act')
      .executeTakeFirstOrThrow();
    expect(act.status).toBe('open');
    expect(act.prompted_at?.toISOString()).toBe(h.now().toISOString());
    // The question went out in the reply itself: there is no outbox row to pretend it was sent.
    const rows = await t.db
      .selectFrom('deliveries')
      .select('dedupe_key')
      .where('checkin_id', '=', act.id)
      .execute();
    expect(rows).toEqual([]);

    // The planner does not prompt a check-in that was asked…
    const now = await planDue({ db: t.db, now: h.now(), settings, composePrompt: composeCheckinPrompt });
    expect(now.prompts).toBe(0);
    // …and reminds from when it was asked, as for a prompt it sent: the next school day.
    await planDue({
      db: t.db,
      now: new Date('2026-12-14T14:05:00Z'),
      settings,
      composePrompt: composeCheckinPrompt,
    });
    const queued = await t.db
      .selectFrom('deliveries')
      .select(['kind', 'dedupe_key', 'payload'])
      .where('checkin_id', '=', act.id)
      .execute();
    expect(queued.map((q) => [q.kind, q.dedupe_key])).toEqual([['reminder', `reminder:${act.id}:1`]]);
    expect(queued[0]!.payload.type).toBe('message');
  });
});
