import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { analyseDigest, composeDigest } from '../../src/core/digest/index.ts';
import { plainText } from '../../src/core/message-model.ts';
import { localInstant } from '../../src/core/schedule/local-time.ts';
import { buildDigest } from '../../src/digest/build-digest.ts';
import type { RenderChart } from '../../src/digest/charts.ts';
import { loadDigestData } from '../../src/digest/load-digest-data.ts';
import { networkFixture } from '../core/digest/network-fixture.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-db.ts';
import {
  midweek,
  seedCheckin,
  seedCycle,
  seedIdea,
  seedMeasure,
  seedMember,
  seedNetwork,
  seedSite,
  seedWeeklyFigures,
  ZONE,
} from './support/seed.ts';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.close());
beforeEach(() => t.reset());

const NOW = new Date('2026-11-23T15:00:00Z'); // Monday 09:00 in Chicago, week 48

const textOf = (blocks: { type: string; text?: string }[]) =>
  blocks.flatMap((b) => (b.text !== undefined ? [plainText(b.text)] : [])).join('\n');

describe('the weekly series', () => {
  async function setup() {
    const network = await seedNetwork(t.db);
    const site = await seedSite(t.db, network.id, 'Lincoln');
    const owner = await seedMember(t.db, network.id, 'Ana', 'educator', site.id);
    const idea = await seedIdea(t.db, network.id, 'Greet every student');
    const onTime = await seedMeasure(t.db, network.id, 'Students on time', 'proportion');
    const minutes = await seedMeasure(t.db, network.id, 'Minutes lost', 'value');
    const ids = (measureId: number) => ({
      networkId: network.id,
      siteId: site.id,
      ideaId: idea.id,
      measureId,
      ownerId: owner.id,
    });
    return { network, site, owner, idea, onTime, minutes, ids };
  }

  it('sums numerators and denominators of the Do and Study figures of a week, by local week', async () => {
    const s = await setup();
    const c1 = await seedCycle(t.db, s.ids(s.onTime.id), '2026-W46');
    const c2 = await seedCycle(t.db, s.ids(s.onTime.id), '2026-W46');
    await seedCheckin(t.db, c1.id, s.owner.id, 'study', midweek('2026-W46'), {
      numerator: 10,
      denominator: 20,
    });
    await seedCheckin(t.db, c2.id, s.owner.id, 'do', midweek('2026-W46'), { numerator: 5, denominator: 10 });
    // A prediction is not data.
    await seedCheckin(t.db, c1.id, s.owner.id, 'plan', midweek('2026-W46'), {
      numerator: 19,
      denominator: 20,
    });
    // Sunday 23:30 in Chicago is still week 46 (Monday 05:30 UTC); Monday 00:30 is week 47.
    await seedCheckin(t.db, c2.id, s.owner.id, 'study', localInstant('2026-11-15', 23, 30, ZONE), {
      numerator: 3,
      denominator: 10,
    });
    const c3 = await seedCycle(t.db, s.ids(s.onTime.id), '2026-W47');
    await seedCheckin(t.db, c3.id, s.owner.id, 'study', localInstant('2026-11-16', 0, 30, ZONE), {
      numerator: 7,
      denominator: 10,
    });
    // A bare percentage cannot be weighed: ignored beside counted figures...
    await seedCheckin(t.db, c3.id, s.owner.id, 'do', midweek('2026-W47'), { value: 0.1 });
    // ...and the mean in a week with nothing else.
    const c4 = await seedCycle(t.db, s.ids(s.onTime.id), '2026-W45');
    await seedCheckin(t.db, c4.id, s.owner.id, 'do', midweek('2026-W45'), { value: 0.6 });
    await seedCheckin(t.db, c4.id, s.owner.id, 'study', midweek('2026-W45'), { value: 0.8 });
    // A value measure takes the mean.
    const c5 = await seedCycle(t.db, s.ids(s.minutes.id), '2026-W47');
    await seedCheckin(t.db, c5.id, s.owner.id, 'do', midweek('2026-W47'), { value: 4 });
    await seedCheckin(t.db, c5.id, s.owner.id, 'study', midweek('2026-W47'), { value: 7 });

    const data = await loadDigestData(t.db, s.network.id, '2026-W47', { now: NOW });
    const figures = data.figures
      .map(({ measureId, week, value, numerator, denominator, figures }) => ({
        measure: measureId === s.onTime.id ? 'on time' : 'minutes',
        week,
        value: Number(value.toFixed(4)),
        numerator,
        denominator,
        figures,
      }))
      .sort((a, b) => a.measure.localeCompare(b.measure) || a.week.localeCompare(b.week));
    expect(figures).toEqual([
      { measure: 'minutes', week: '2026-W47', value: 5.5, numerator: null, denominator: null, figures: 2 },
      { measure: 'on time', week: '2026-W45', value: 0.7, numerator: null, denominator: null, figures: 2 },
      { measure: 'on time', week: '2026-W46', value: 0.45, numerator: 18, denominator: 40, figures: 3 },
      { measure: 'on time', week: '2026-W47', value: 0.7, numerator: 7, denominator: 10, figures: 1 },
    ]);
    expect(data.weeks).toHaveLength(26);
    expect(data.weeks.at(-1)).toBe('2026-W47');
  });

  it('reads only the weeks shown', async () => {
    const s = await setup();
    const old = await seedCycle(t.db, s.ids(s.onTime.id), '2026-W10');
    await seedCheckin(t.db, old.id, s.owner.id, 'study', midweek('2026-W10'), {
      numerator: 1,
      denominator: 2,
    });
    const later = await seedCycle(t.db, s.ids(s.onTime.id), '2026-W48');
    await seedCheckin(t.db, later.id, s.owner.id, 'study', midweek('2026-W48'), {
      numerator: 1,
      denominator: 2,
    });
    const data = await loadDigestData(t.db, s.network.id, '2026-W47', { now: NOW });
    expect(data.figures).toEqual([]);
  });
});

describe('the digest built from the database', () => {
  /** The 14-site network of the core tests, written as rows. */
  async function seedFixture() {
    const fixture = networkFixture();
    const network = await seedNetwork(t.db);
    const siteIds = new Map<number, number>();
    for (const site of fixture.sites) siteIds.set(site.id, (await seedSite(t.db, network.id, site.name)).id);
    const owner = await seedMember(t.db, network.id, 'Fran', 'facilitator', null);
    const idea = await seedIdea(t.db, network.id, 'Greet every student at the door');
    const measure = await seedMeasure(t.db, network.id, 'Students on time', 'proportion');
    await seedWeeklyFigures(
      t.db,
      { networkId: network.id, ideaId: idea.id, measureId: measure.id, ownerId: owner.id },
      siteIds,
      fixture.figures,
    );
    return { fixture, network };
  }

  it('says what the statistics of the known figures say: who is beyond chance, who has a signal, who is too short', async () => {
    const { fixture, network } = await seedFixture();
    const charts: unknown[] = [];
    const render: RenderChart = async (input) => {
      charts.push(input);
      return new Uint8Array([137, 80, 78, 71]);
    };
    const built = await buildDigest(t.db, network.id, '2026-W47', { now: NOW, renderChart: render });
    const main = textOf(built.composed.main.blocks);
    const details = textOf(built.composed.details.blocks);

    expect(main).toContain('• Washington rose to 88% this week, well above what its size would explain.');
    expect(details).toContain(
      '• Washington: 370 of 420 (88%), above the expected range for its size (P′ limits 58–87%, σz 2.2).',
    );
    expect(main).toContain('• Brook has been above its usual level for the last 8 weeks, since 28 Sep');
    expect(details).toContain(
      '• Brook: 8 weeks in a row above its median (28 Sep – 22 Nov; limit 7 for 20 points)',
    );
    expect(details).toContain('• Cedar: only 3 crossings of its median in 20 points (at least 6 expected)');
    expect(details).toContain('• Lincoln: 6 weeks of data, too few to judge (10 needed)');
    // Only Washington is beyond chance; everyone else is within expected variation.
    expect(details.match(/expected range for its size/g)).toHaveLength(1);
    expect(details).toMatch(/Within expected variation \(13\): Adams 28 of 40 \(70%\); Brook/);

    // The same sentences as the pure composition of the same figures: nothing lost on the way through the tables.
    const fixtureDigest = composeDigest(fixture, analyseDigest(fixture));
    const sitesOf = (text: string) => text.split('\n').filter((l) => l.startsWith('•') || /Rules/.test(l));
    expect(sitesOf(main)).toEqual(sitesOf(textOf(fixtureDigest.main.blocks)));
    expect(sitesOf(details)).toEqual(sitesOf(textOf(fixtureDigest.details.blocks)));

    expect(charts).toHaveLength(1);
    const image = built.composed.main.blocks.find((b) => b.type === 'image');
    expect(image).toMatchObject({
      type: 'image',
      pngBase64: Buffer.from([137, 80, 78, 71]).toString('base64'),
      fileName: 'digest-literacy-nic-2026-W47.png',
    });
    expect((image as { alt: string }).alt).toContain(
      'Outlined as above the expected range this week: Washington.',
    );
  });

  it('goes out without a chart that cannot be drawn, and says which', async () => {
    const { network } = await seedFixture();
    const broken: RenderChart = async () => {
      throw new Error('no fonts');
    };
    const built = await buildDigest(t.db, network.id, '2026-W47', { now: NOW, renderChart: broken });
    expect(built.chartFailures).toEqual([{ measure: 'Students on time', error: 'no fonts' }]);
    expect(built.composed.main.blocks.some((b) => b.type === 'image')).toBe(false);
    expect(textOf(built.composed.main.blocks)).toContain('Washington rose to 88% this week');
  });

  it('draws a real PNG of the main measure', async () => {
    const { network } = await seedFixture();
    const built = await buildDigest(t.db, network.id, '2026-W47', { now: NOW });
    expect(built.charts).toHaveLength(1);
    const png = Buffer.from(built.charts[0]!.pngBase64, 'base64');
    expect(png.subarray(0, 8)).toEqual(Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]));
    expect(png.length).toBeGreaterThan(10_000);
  });
});
