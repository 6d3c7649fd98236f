import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { localInstant } from '../../src/core/schedule/local-time.ts';
import { postDueDigests } from '../../src/digest/post-digests.ts';
import { textOf } from '../bot/support/bot-harness.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-db.ts';
import { digestBot } from './support/digest-harness.ts';
import {
  midweek,
  seedCheckin,
  seedCycle,
  seedIdea,
  seedMeasure,
  seedMember,
  seedNetwork,
  seedSite,
  ZONE,
} from './support/seed.ts';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.close());
beforeEach(() => t.reset());

const CHANNEL = { platform: 'shell' as const, channel: 'improvement', name: '#improvement' };
const WEDNESDAY = localInstant('2026-11-25', 10, 0, ZONE); // week 48: the digest is about week 47

async function seed() {
  const network = await seedNetwork(t.db);
  const lincoln = await seedSite(t.db, network.id, 'Lincoln');
  await seedMember(t.db, network.id, 'Fran', 'facilitator', null);
  const ana = await seedMember(t.db, network.id, 'Ana', 'educator', lincoln.id);
  const idea = await seedIdea(t.db, network.id, 'Greet every student at the door');
  const measure = await seedMeasure(t.db, network.id, 'Students on time', 'proportion');
  const cycle = await seedCycle(
    t.db,
    { networkId: network.id, siteId: lincoln.id, ideaId: idea.id, measureId: measure.id, ownerId: ana.id },
    '2026-W47',
    { decision: 'adopt', closedAt: midweek('2026-W47') },
  );
  await seedCheckin(
    t.db,
    cycle.id,
    ana.id,
    'study',
    midweek('2026-W47'),
    { numerator: 18, denominator: 24 },
    {
      learned: 'Names matter more than the greeting',
    },
  );
  return network;
}

describe('/pdsa digest', () => {
  it('previews the digest to the facilitator alone, without posting anything', async () => {
    await seed();
    const bot = digestBot(t.db, WEDNESDAY);
    const result = await bot.command('Fran', '/pdsa digest preview');
    expect(result.replies.every((r) => r.visibility === 'private')).toBe(true);
    const text = textOf(result);
    expect(text).toContain('A preview, only for you. The digest of 16–22 Nov has not been posted yet');
    expect(text).toContain('Literacy NIC: weekly digest, 16–22 Nov 2026');
    expect(text).toContain(
      'Lincoln: 1 week of data (0 useful, off the median), too few to judge (10 needed).',
    );
    expect(text).toContain('Idea 1: Greet every student at the door (1 adopt)');
    expect(result.replies[1]!.message.blocks.some((b) => b.type === 'image')).toBe(true);
    expect(await t.db.selectFrom('digests').selectAll().execute()).toEqual([]);

    const earlier = textOf(await bot.command('Fran', '/pdsa digest preview 2026-W40'));
    expect(earlier).toContain('weekly digest, 28 Sep – 4 Oct 2026');
    expect(textOf(await bot.command('Fran', '/pdsa digest preview next week'))).toContain(
      '"next" is not a week; write it like 2026-W47',
    );
  });

  it('refuses educators, naming who can', async () => {
    await seed();
    const text = textOf(await digestBot(t.db, WEDNESDAY).command('Ana', '/pdsa digest preview'));
    expect(text).toBe('Only facilitators and admins of Literacy NIC can preview the digest. Ask Fran.');
  });

  it('chooses the channel here, posts once a week, and says so when it was already posted', async () => {
    const network = await seed();
    const bot = digestBot(t.db, WEDNESDAY);
    expect(textOf(await bot.command('Fran', '/pdsa digest post'))).toContain(
      'Literacy NIC has no digest channel yet. Type /pdsa digest channel here in the channel that should receive it, then /pdsa digest post.',
    );
    const chosen = await bot.command('Fran', '/pdsa digest channel here', CHANNEL);
    expect(chosen.replies[0]!.visibility).toBe('public');
    expect(textOf(chosen)).toContain('It is posted Mondays at 08:00 (America/Chicago).');
    expect(
      await t.db
        .selectFrom('networks')
        .select(['digest_platform', 'digest_address'])
        .executeTakeFirstOrThrow(),
    ).toEqual({ digest_platform: 'shell', digest_address: CHANNEL });

    // The scheduler got there first this week.
    expect(await postDueDigests({ db: t.db, now: WEDNESDAY, renderChart: false })).toBe(1);
    expect(textOf(await bot.command('Fran', '/pdsa digest post'))).toBe(
      'The digest of 16–22 Nov was already posted Wed 25 Nov at 10:00; each week’s digest goes out once. To read it again, type /pdsa digest preview 2026-W47.',
    );

    // Next week, before the scheduled time, a facilitator posts it by hand; the scheduler then leaves it.
    bot.setNow(localInstant('2026-11-30', 7, 0, ZONE));
    expect(textOf(await bot.command('Fran', '/pdsa digest post'))).toBe(
      'The digest of 23–29 Nov is on its way to #improvement (shell), with the details in its thread.',
    );
    expect(
      await postDueDigests({ db: t.db, now: localInstant('2026-11-30', 8, 0, ZONE), renderChart: false }),
    ).toBe(0);
    const keys = (await t.db.selectFrom('deliveries').select('dedupe_key').orderBy('id').execute()).map(
      (d) => d.dedupe_key,
    );
    expect(keys).toEqual([
      `digest:${network.id}:2026-W47`,
      `digest:${network.id}:2026-W47:details`,
      `digest:${network.id}:2026-W48`,
      `digest:${network.id}:2026-W48:details`,
    ]);
  });

  it('says when the digest goes out, to any member', async () => {
    await seed();
    const text = textOf(await digestBot(t.db, WEDNESDAY).command('Ana', '/pdsa digest'));
    expect(text).toContain('Literacy NIC has no digest channel yet');
    expect(text).toContain('The digest of 16–22 Nov has not been posted yet.');
  });

  it('explains on its help page how to read the digest', async () => {
    await seed();
    const text = textOf(await digestBot(t.db, WEDNESDAY).command('Ana', '/pdsa help digest'));
    expect(text).toContain('How to read the digest');
    expect(text).toMatch(
      /A site stands apart when its figures have sat above or below the rest of the network week after week/,
    );
    expect(text).toMatch(
      /a run is a stretch of weeks in a row on one side of it, and a shift is a run of 6 weeks or more/,
    );
    expect(text).toMatch(/Small sites get wider limits: one student is 5 points of a class of 20/);
  });
});
