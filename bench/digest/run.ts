import { randomBytes } from 'node:crypto';
import { loadavg } from 'node:os';
import pg from 'pg';
import { migrations } from '../../migrations/index.ts';
import { isLearningWeek } from '../../src/core/evidence/learning-window.ts';
import { previousIsoWeek } from '../../src/core/schedule/iso-week.ts';
import { openDatabase } from '../../src/db/connect.ts';
import { buildDigest, loadDigestLearning } from '../../src/digest/build-digest.ts';
import { renderDigestCharts } from '../../src/digest/charts.ts';
import { loadDigestData } from '../../src/digest/load-digest-data.ts';
import { reportWeekAt } from '../../src/digest/report-week.ts';
import { BENCH_ZONE, type BenchShape, benchNow, seedBench } from './seed.ts';

// How long the weekly digest of a large network takes on PostgreSQL: 100
// sites, 2,000 members, a year of check-ins (~470,000), then the same network
// with two years of history and with twice the sites. Each run gets a fresh
// schema, dropped afterwards. Prints one JSON line; times are medians of
// several builds after a warm-up, with the best build beside them and the
// machine's load average, since other work on the machine moves the medians.
// The chart (drawing the SVG, resvg, PNG encoding) is timed on its own too,
// with its share of the whole and the whole against the target as ratios of
// the same run. The week measured is the first of a month, whose digest
// carries "What we're learning" (read over the whole history of the ideas
// with news): that section is timed on its own as well (it is read while
// the week's data is, so the whole is less than their sum), and the week
// before, an ordinary one, is built too.
//
//   BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/test node --import tsx bench/digest/run.ts

const URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const RUNS = 7;
const TARGET_MS = 500;

async function admin(statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: URL });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

const round = (ms: number) => Math.round(ms * 10) / 10;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return round(sorted[Math.floor(sorted.length / 2)]!);
}

async function measure(shape: BenchShape) {
  const schema = `bench_digest_${process.pid}_${randomBytes(3).toString('hex')}`;
  await admin(`create schema ${schema}`);
  // Seeding writes half a million rows in single statements, longer than the
  // bot's 10 s statement limit on a busy machine; the digest's own queries are
  // what is measured.
  const opened = await openDatabase(
    { kind: 'postgres', url: URL },
    { searchPath: schema, poolSize: 10, timeouts: { statementMs: 600_000, queryMs: 605_000 } },
  );
  try {
    // The migrations' own `up`, not Kysely's Migrator: its bookkeeping tables in
    // this schema would be taken by any other process migrating a schema of the
    // same database (tests on the server) for its own, and fail it.
    for (const migration of Object.values(migrations)) await migration.up(opened.db);
    const seedStarted = performance.now();
    const rows = await seedBench(opened.db, shape);
    const seedMs = Math.round(performance.now() - seedStarted);
    const now = benchNow(shape);
    const week = reportWeekAt(now, BENCH_ZONE);
    const ordinaryNow = new Date(now.getTime() - 7 * 24 * 3_600_000);
    const ordinaryWeek = previousIsoWeek(week);
    if (!isLearningWeek(week) || isLearningWeek(ordinaryWeek))
      throw new Error(`${week} should carry the monthly section and ${ordinaryWeek} not`);

    const data: number[] = [];
    const learning: number[] = [];
    const digest: number[] = [];
    const chart: number[] = [];
    const withChart: number[] = [];
    const ordinary: number[] = [];
    let flagged = 0;
    for (let i = 0; i <= RUNS; i++) {
      let t = performance.now();
      await loadDigestData(opened.db, 1, week, { now });
      const dataMs = performance.now() - t;
      t = performance.now();
      await loadDigestLearning(opened.db, 1, week);
      const learningMs = performance.now() - t;
      t = performance.now();
      const built = await buildDigest(opened.db, 1, week, { now, renderChart: false });
      const digestMs = performance.now() - t;
      t = performance.now();
      await renderDigestCharts(built.data, built.analysis);
      const chartMs = performance.now() - t;
      t = performance.now();
      await buildDigest(opened.db, 1, ordinaryWeek, { now: ordinaryNow, renderChart: false });
      const ordinaryMs = performance.now() - t;
      flagged =
        built.analysis.measures[0]?.comparison.sites.filter((s) => s.verdict !== 'within').length ?? 0;
      if (i === 0) continue; // warm-up: connections, plans, the chart library's first load
      data.push(dataMs);
      learning.push(learningMs);
      digest.push(digestMs);
      chart.push(chartMs);
      withChart.push(digestMs + chartMs);
      ordinary.push(ordinaryMs);
    }
    return {
      rows,
      sites: shape.sites,
      members: shape.sites * shape.membersPerSite,
      weeks: shape.weeks,
      week,
      seedMs,
      dataMs: median(data),
      learningMs: median(learning),
      digestMs: median(digest),
      chartMs: median(chart),
      digestWithChartMs: median(withChart),
      chartShare: Math.round((median(chart) / median(withChart)) * 100) / 100,
      ofTarget: Math.round((median(withChart) / TARGET_MS) * 100) / 100,
      bestDigestWithChartMs: round(Math.min(...withChart)),
      ordinaryWeek: { week: ordinaryWeek, digestMs: median(ordinary) },
      sitesBeyondChance: flagged,
    };
  } finally {
    await opened.close();
    await admin(`drop schema if exists ${schema} cascade`);
  }
}

const loadAverage = round(loadavg()[0]!);
const base: BenchShape = { sites: 100, membersPerSite: 20, weeks: 52, cyclesPerSiteWeek: 10 };
const year = await measure(base);
const twoYears = await measure({ ...base, weeks: 104 });
const doubleSites = await measure({ ...base, sites: 200 });
process.stdout.write(
  `${JSON.stringify({
    bench: 'digest',
    ...year,
    loadAverage,
    targetMs: TARGET_MS,
    withinTarget: year.digestWithChartMs < TARGET_MS,
    twoYears,
    doubleSites,
  })}\n`,
);
