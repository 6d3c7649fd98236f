import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createBot } from '../../src/bot/bot.ts';
import { allCommands } from '../../src/bot/commands/index.ts';
import { buildHome } from '../../src/bot/home.ts';
import { interactionRoutes } from '../../src/bot/routes.ts';
import { localInstant } from '../../src/core/schedule/local-time.ts';
import { defaultSettings } from '../../src/core/settings.ts';
import { postDueDigests } from '../../src/digest/post-digests.ts';
import { seedCycle, seedNetwork, textOf } from '../bot/commands/setup-harness.ts';
import { botServices, knownPlatforms } from '../support/bot-deps.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-db.ts';

// A network's first digest: never about a week before it had anything to
// show (choosing a channel on a Monday used to post, at once, a digest of
// the week before the network existed: "0 cycles active"), but about the
// first week with a cycle or a check-in; and whoever chooses the channel is
// told when it comes.

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.close());
beforeEach(() => t.reset());

const ZONE = 'America/Chicago';
const MONDAY_30_NOV = localInstant('2026-11-30', 9, 0, ZONE); // digests go out Mondays at 08:00

function bot(now: () => Date) {
  let counter = 0;
  const b = createBot({
    db: t.db,
    clock: now,
    settings: { ...defaultSettings, defaultTimeZone: ZONE },
    platforms: knownPlatforms,
    services: botServices,
    commands: allCommands(),
    routes: interactionRoutes(),
    home: buildHome,
  });
  return (text: string) =>
    b.handle({
      kind: 'command',
      eventId: `e${++counter}`,
      actor: {
        platform: 'shell',
        workspaceId: 'local',
        userId: 'fran',
        displayName: 'Fran',
        address: { platform: 'shell', user: 'fran', name: 'Fran' },
      },
      text,
      conversation: { platform: 'shell', channel: 'C-general', name: 'general' },
    });
}

const post = (now: Date) => postDueDigests({ db: t.db, now, renderChart: false });
const postedWeeks = async () =>
  (await t.db.selectFrom('digests').select('iso_week').orderBy('id').execute()).map((d) => d.iso_week);

describe('the first digest of a network', () => {
  it('waits for the first cycle or check-in, and choosing a channel says so', async () => {
    await seedNetwork(t.db);
    const command = bot(() => MONDAY_30_NOV);
    const chosen = await command('/pdsa network channel here');
    expect(textOf(chosen)).toContain(
      'The first one comes after the first week with a cycle or a check-in, so that it has something to show.',
    );
    expect(await post(MONDAY_30_NOV)).toBe(0);
    expect(await post(localInstant('2026-12-07', 8, 0, ZONE))).toBe(0);
    expect(await postedWeeks()).toEqual([]);
  });

  it('covers the first week with a cycle: not the week before it, and says when it comes', async () => {
    const s = await seedNetwork(t.db);
    await seedCycle(t.db, s.network.id, s.lincoln.id, s.ana.id); // from Monday 30 November
    const command = bot(() => MONDAY_30_NOV);
    for (const text of ['/pdsa network channel here', '/pdsa digest channel here']) {
      expect(textOf(await command(text))).toContain(
        'The first one comes on Monday 7 December at 08:00, about the week of 30 November.',
      );
    }
    expect(await post(MONDAY_30_NOV)).toBe(0);
    expect(await post(localInstant('2026-12-07', 8, 0, ZONE))).toBe(1);
    expect(await postedWeeks()).toEqual(['2026-W49']);
  });

  it('goes out at once when the week it covers is over and its time has passed', async () => {
    const s = await seedNetwork(t.db);
    const { cycle } = await seedCycle(t.db, s.network.id, s.lincoln.id, s.ana.id);
    await t.db.updateTable('cycles').set({ starts_on: '2026-11-23' }).where('id', '=', cycle.id).execute();
    const chosen = await bot(() => MONDAY_30_NOV)('/pdsa network channel here');
    expect(textOf(chosen)).toContain(
      'The first one, about the week of 23 November, comes here in the next few minutes.',
    );
    expect(await post(MONDAY_30_NOV)).toBe(1);
    expect(await postedWeeks()).toEqual(['2026-W48']);
  });

  it('counts a check-in prompted before its cycle’s recorded start', async () => {
    const s = await seedNetwork(t.db);
    const { cycle } = await seedCycle(t.db, s.network.id, s.lincoln.id, s.ana.id);
    await t.db
      .updateTable('checkins')
      .set({ prompted_at: localInstant('2026-11-18', 8, 0, ZONE) })
      .where('cycle_id', '=', cycle.id)
      .execute();
    await bot(() => MONDAY_30_NOV)('/pdsa network channel here');
    expect(await post(MONDAY_30_NOV)).toBe(1);
    expect(await postedWeeks()).toEqual(['2026-W48']);
  });
});
