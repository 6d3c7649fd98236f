import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { renderSiteChart } from '../src/chart/render.ts';
import {
  analyseDigest,
  chartAltText,
  type DigestData,
  type DigestMeasure,
  type WeeklyFigure,
} from '../src/core/digest/index.ts';
import { openDatabase } from '../src/db/connect.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { createDemoNetwork } from '../src/demo/create-demo.ts';
import { seededRandom } from '../src/demo/prng.ts';
import { buildDigest } from '../src/digest/build-digest.ts';
import { weeksEndingWith } from '../src/digest/report-week.ts';

// Draws the reviewed example charts of docs/digest-examples.md through the
// digest's own statistics: the sample network (`pdsa-bot demo`), a network
// of three schools and one of a hundred, the last two from seeded figures.
// Run after changing the chart, look at every picture, then commit them:
//
//   npm run docs:digest-examples

const OUT = resolve(import.meta.dirname, '../docs/digest-examples');
/** Wednesday of 2026-W49: the digest is about the week before, 23–29 Nov (2026-W48). */
const NOW = new Date('2026-12-02T16:00:00Z');
const WEEK = '2026-W48';
/** Narrower than the 1,200 px the digest sends, to keep the files small in git; the layout is the same. */
const WIDTH = 900;
/** Seeds whose draws show each pattern the example is about (any seed draws the same kind of network). */
const THREE_SEED = 7;

const MEASURE: DigestMeasure = {
  id: 1,
  name: 'Students on time',
  kind: 'proportion',
  unit: '',
  better: 'higher',
};

async function sampleNetwork(): Promise<DigestData> {
  const opened = await openDatabase({ kind: 'pglite', dataDir: 'memory' });
  try {
    await migrateToLatest(opened.db);
    const demo = await createDemoNetwork(opened.db, { now: NOW, platform: 'shell' });
    const built = await buildDigest(opened.db, demo.networkId, demo.weeks.at(-1)!, {
      now: NOW,
      renderChart: false,
    });
    return built.data;
  } finally {
    await opened.close();
  }
}

type SiteShape = {
  name: string;
  size: number;
  rate: number;
  /** The rate each week instead of `rate`, by position from the first week. */
  rateAt?: (week: number, weeks: number) => number;
};

/**
 * Figures as the calibration of docs/architecture.md draws alike sites: a
 * weekly shock every site shares (sd 3 points), each site's own weekly wobble
 * (sd 2 points) and binomial noise on its count; `rateAt` plants the changes.
 */
function networkOf(name: string, weeks: string[], shapes: SiteShape[], seed: number): DigestData {
  const random = seededRandom(seed);
  const normal = () => Math.sqrt(-2 * Math.log(1 - random.next())) * Math.cos(2 * Math.PI * random.next());
  const shocks = weeks.map(() => 0.03 * normal());
  const figures: WeeklyFigure[] = [];
  shapes.forEach((shape, s) => {
    weeks.forEach((week, w) => {
      const denominator = Math.max(1, Math.round(shape.size * (0.94 + random.next() * 0.12)));
      const planned = shape.rateAt?.(w, weeks.length) ?? shape.rate;
      const rate = Math.min(0.99, Math.max(0.01, planned + (shocks[w] ?? 0) + 0.02 * normal()));
      const numerator = random.binomial(denominator, rate);
      figures.push({
        measureId: 1,
        siteId: s + 1,
        week,
        value: numerator / denominator,
        numerator,
        denominator,
        figures: 1,
      });
    });
  });
  return {
    network: { id: 1, name, timeZone: 'America/Chicago' },
    week: WEEK,
    weekStartsOn: '2026-11-23',
    weekEndsOn: '2026-11-29',
    weeks,
    asOf: NOW.toISOString(),
    sites: shapes.map((shape, s) => ({ id: s + 1, name: shape.name })),
    measures: [MEASURE],
    figures,
    cycles: { active: 0, started: 0, completed: 0, closedEarly: 0 },
    participation: [],
    predictions: [],
    decisions: [],
    overdue: { total: 0, items: [] },
    unreachable: { total: 0, items: [] },
  };
}

/**
 * Three schools over sixteen weeks: the smallest rising steadily to this
 * week, one that moved up and stayed, and the largest sitting below the
 * other two for the last six weeks.
 */
function threeSites(seed = THREE_SEED): DigestData {
  const weeks = weeksEndingWith(WEEK, 16);
  return networkOf(
    'Three Rivers NIC',
    weeks,
    [
      {
        name: 'Hillside Elementary',
        size: 60,
        rate: 0.68,
        rateAt: (w) => (w >= 10 ? 0.6 + (w - 10) * 0.05 : 0.68),
      },
      { name: 'Lakeview Middle', size: 240, rate: 0.64, rateAt: (w) => (w < 8 ? 0.64 : 0.78) },
      { name: 'Northgate High', size: 520, rate: 0.7, rateAt: (w) => (w < 10 ? 0.7 : 0.6) },
    ],
    seed,
  );
}

/**
 * A hundred alike schools over a year, numbered as a district might (School 2
 * before School 10): one far above the rest this week, one far below, one
 * that has sat well below the rest since the autumn.
 */
function hundredSites(): DigestData {
  const weeks = weeksEndingWith(WEEK, 52);
  const random = seededRandom(100);
  const shapes: SiteShape[] = Array.from({ length: 100 }, (_, i) => ({
    name: `School ${i + 1}`,
    size: 40 + random.int(0, 560),
    rate: 0.7,
  }));
  shapes[6] = { ...shapes[6]!, size: 300, rateAt: (w, n) => (w === n - 1 ? 0.97 : 0.7) };
  shapes[41] = { ...shapes[41]!, rateAt: (w, n) => (w === n - 1 ? 0.45 : 0.7) };
  shapes[72] = { ...shapes[72]!, rateAt: (w) => (w < 42 ? 0.7 : 0.58) };
  return networkOf('District NIC', weeks, shapes, 7);
}

async function draw(file: string, data: DigestData): Promise<void> {
  const main = analyseDigest(data).measures[0];
  if (!main) throw new Error(`${file}: no measure with figures`);
  const png = await renderSiteChart(main.chart, { width: WIDTH, effort: 'small' });
  writeFileSync(resolve(OUT, file), png);
  // The alt text says in words what the picture marks: read it beside the picture.
  process.stdout.write(`${file} (${Math.round(png.length / 1024)} KB): ${chartAltText(main)}\n\n`);
}

mkdirSync(OUT, { recursive: true });
await draw('sample-network.png', await sampleNetwork());
await draw('three-sites.png', threeSites());
await draw('hundred-sites.png', hundredSites());
