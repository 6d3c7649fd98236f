import {
  analyseDigest,
  type ChartImage,
  type ComposedDigest,
  composeDigest,
  type DigestAnalysis,
  type DigestData,
} from '../core/digest/index.ts';
import { withLearningSection } from '../core/digest/learning-section.ts';
import { isLearningWeek, learningWindow } from '../core/evidence/learning-window.ts';
import type { Trx } from '../db/trx.ts';
import { loadLearningSection } from '../learning/monthly-learning.ts';
import { type DigestCharts, type RenderChart, renderDigestCharts } from './charts.ts';
import { loadDigestData } from './load-digest-data.ts';
import { digestStats } from './stats.ts';

export type BuiltDigest = {
  data: DigestData;
  analysis: DigestAnalysis;
  charts: ChartImage[];
  chartFailures: DigestCharts['failures'];
  /** The channel message and the details for its thread. */
  composed: ComposedDigest;
  timings: { dataMs: number; totalMs: number };
};

export type BuildOptions = {
  now: Date;
  /** Draws a chart; defaults to src/chart. `false` leaves the charts out. */
  renderChart?: RenderChart | false;
  seriesWeeks?: number;
};

/** Loads a network's week, works out its statistics, draws its charts and composes its messages. */
export async function buildDigest(
  trx: Trx,
  networkId: number,
  week: string,
  options: BuildOptions,
): Promise<BuiltDigest> {
  const started = performance.now();
  let dataMs = 0;
  // Independent reads: on a pool the monthly section is read while the week's data is.
  const [data, learning] = await Promise.all([
    loadDigestData(trx, networkId, week, {
      now: options.now,
      ...(options.seriesWeeks ? { seriesWeeks: options.seriesWeeks } : {}),
    }).then((loaded) => {
      dataMs = performance.now() - started;
      return loaded;
    }),
    // Once a month (src/core/evidence/learning-window.ts): what the network is learning, by site condition.
    isLearningWeek(week) ? loadDigestLearning(trx, networkId, week) : null,
  ]);
  const analysis = analyseDigest(data);
  const drawn: DigestCharts =
    options.renderChart === false
      ? { images: [], failures: [] }
      : await renderDigestCharts(data, analysis, options.renderChart ?? undefined);
  const composed = composeDigest(data, analysis, drawn.images);
  return {
    data,
    analysis,
    charts: drawn.images,
    chartFailures: drawn.failures,
    composed: learning ? withLearningSection(composed, learning) : composed,
    timings: { dataMs, totalMs: performance.now() - started },
  };
}

/** The monthly section of the digest about `week`. */
export async function loadDigestLearning(trx: Trx, networkId: number, week: string) {
  const network = await trx
    .selectFrom('networks')
    .select(['id', 'aim', 'time_zone'])
    .where('id', '=', networkId)
    .executeTakeFirstOrThrow();
  return loadLearningSection(trx, network, learningWindow(week));
}

/** What `digests.content` keeps: the summary and the statistics, not the pictures. */
export function digestContent(built: BuiltDigest): Record<string, unknown> {
  return {
    week: built.data.week,
    summary: built.composed.main.summary,
    stats: digestStats(built.data, built.analysis),
  };
}
