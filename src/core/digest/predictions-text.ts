import { median, predictionAccuracy } from '../variation/index.ts';
import type { MeasureAnalysis } from './analyse.ts';
import { gapText, listAnd, measurementText, plural, valueText, weekStartText } from './format.ts';
import { type PredictionLesson, predictionLesson } from './prediction-lesson.ts';
import type { SiteComparator } from './site-order.ts';
import { quote } from './text-blocks.ts';
import type { DigestData, PredictionRecord } from './types.ts';

// Predictions set against results (docs/statistics.md §5), framed as
// "what surprised us": a result unlike its prediction is where the learning
// is, never a failure. Sites are listed in the chart's order.

/** Weeks before a cycle's start whose median is its baseline: the level the change set out from. */
export const BASELINE_WEEKS = 4;
const MAX_RESULTS = 15;

export interface PredictionsText {
  /** Results recorded this week. */
  thisWeek: number;
  /** The first message: this week's results against their predictions, in one sentence; null without any. */
  surprise: string | null;
  /** The first message: what the network is learning about its predictions, one sentence per measure with a lesson. */
  lessons: string[];
  /** The thread's lines. */
  lines: string[];
}

/** The median of a site's weeks just before its cycle started: the level the change set out from. */
function baselineFinder(a: MeasureAnalysis): (p: PredictionRecord) => number | undefined {
  const sites = new Map(a.sites.map((s) => [s.site.id, s]));
  const weekIndex = new Map(a.weeks.map((w, i) => [w, i]));
  return (p) => {
    const site = sites.get(p.siteId);
    const start = weekIndex.get(p.startWeek);
    if (!site || start === undefined || start === 0) return undefined;
    const before = site.values
      .slice(Math.max(0, start - BASELINE_WEEKS), start)
      .filter((v): v is number => v !== null);
    return median(before) ?? undefined;
  };
}

function isEven(a: MeasureAnalysis, diff: number): boolean {
  return gapText(a.measure, diff).startsWith('0 ') || gapText(a.measure, diff) === '0';
}

function gapSentence(a: MeasureAnalysis, p: PredictionRecord): string {
  const diff = p.result.value - p.predicted.value;
  const how = isEven(a, diff)
    ? 'just as predicted'
    : `${gapText(a.measure, diff)} ${diff > 0 ? 'higher' : 'lower'} than predicted`;
  return `predicted ${measurementText(a.measure, p.predicted)}, the result was ${measurementText(a.measure, p.result)}: ${how}`;
}

/**
 * "6 results came in this week, 1 higher than predicted and 5 lower. The
 * biggest surprise: Aspen Middle, 98% against a prediction of 84%."
 */
function surpriseSentence(
  recent: readonly PredictionRecord[],
  analysisOf: Map<number, MeasureAnalysis>,
  siteName: Map<number, string>,
): string | null {
  if (recent.length === 0) return null;
  let higher = 0;
  let lower = 0;
  for (const p of recent) {
    const diff = p.result.value - p.predicted.value;
    if (isEven(analysisOf.get(p.measureId)!, diff)) continue;
    if (diff > 0) higher++;
    else lower++;
  }
  const even = recent.length - higher - lower;
  const parts = [
    higher ? `${higher} higher than predicted` : '',
    lower ? `${lower} ${higher ? 'lower' : 'lower than predicted'}` : '',
    even ? `${even} just as predicted` : '',
  ].filter(Boolean);
  const all = parts.length === 1 && recent.length > 1 ? `all ${parts[0]!.replace(/^\d+ /, '')}` : '';
  const came = `${plural(recent.length, 'result')} came in this week`;
  if (recent.length === 1) {
    const p = recent[0]!;
    const a = analysisOf.get(p.measureId)!;
    return `${came}: ${siteName.get(p.siteId)}, ${valueText(a.measure, p.result.value)} against a prediction of ${valueText(a.measure, p.predicted.value)}.`;
  }
  const head = `${came}, ${all || listAnd(parts)}`;
  // The biggest gap of the main measure: gaps of different measures do not compare.
  const main = recent.filter((p) => p.measureId === recent[0]!.measureId);
  const biggest = [...main].sort(
    (x, y) => Math.abs(y.result.value - y.predicted.value) - Math.abs(x.result.value - x.predicted.value),
  )[0]!;
  const a = analysisOf.get(biggest.measureId)!;
  if (isEven(a, biggest.result.value - biggest.predicted.value)) return `${head}.`;
  return `${head}. The biggest surprise: ${siteName.get(biggest.siteId)}, ${valueText(a.measure, biggest.result.value)} against a prediction of ${valueText(a.measure, biggest.predicted.value)}.`;
}

export function predictionsText(
  data: DigestData,
  measures: readonly MeasureAnalysis[],
  order: SiteComparator,
): PredictionsText {
  const siteName = new Map(data.sites.map((s) => [s.id, s.name]));
  const analysisOf = new Map(measures.map((m) => [m.measure.id, m]));
  const records = data.predictions.filter((p) => analysisOf.has(p.measureId) && siteName.has(p.siteId));
  const measureRank = new Map(measures.map((m, i) => [m.measure.id, i]));
  const inOrder = (a: PredictionRecord, b: PredictionRecord) =>
    measureRank.get(a.measureId)! - measureRank.get(b.measureId)! ||
    order(siteName.get(a.siteId) ?? '', siteName.get(b.siteId) ?? '') ||
    a.cycleId - b.cycleId;
  const recent = records.filter((p) => p.resultWeek === data.week).sort(inOrder);
  if (records.length === 0) return { thisWeek: 0, surprise: null, lessons: [], lines: [] };

  const lines: string[] = ['**What surprised us**: a result unlike its prediction is where the learning is.'];
  if (recent.length) {
    lines.push(`Results this week (${recent.length}):`);
    for (const p of recent.slice(0, MAX_RESULTS)) {
      const a = analysisOf.get(p.measureId)!;
      const surprised = p.surprised ? ` Surprised by: ${quote(p.surprised, 200)}` : '';
      lines.push(`• ${siteName.get(p.siteId)}, cycle #${p.cycleId}: ${gapSentence(a, p)}.${surprised}`);
    }
    if (recent.length > MAX_RESULTS) {
      lines.push(`…and ${recent.length - MAX_RESULTS} more: \`/pdsa learnings\` has them all.`);
    }
  } else {
    lines.push('No results came in this week.');
  }

  const lessons: string[] = [];
  for (const a of measures) {
    const own = records.filter((p) => p.measureId === a.measure.id);
    if (own.length === 0) continue;
    // ISO week names sort as the weeks do.
    let since = data.week;
    for (const p of own) if (p.resultWeek.localeCompare(since) < 0) since = p.resultWeek;
    const baselineOf = baselineFinder(a);
    const pairs = own.map((p) => {
      const baseline = baselineOf(p);
      return {
        site: siteName.get(p.siteId)!,
        predicted: p.predicted.value,
        result: p.result.value,
        ...(baseline === undefined ? {} : { baseline }),
      };
    });
    const perSite = predictionAccuracy(pairs).sort((x, y) => order(x.site, y.site));
    const lesson = predictionLesson(a.measure, perSite, measures.length > 1);
    if (lesson.sentence) lessons.push(lesson.sentence);
    lines.push(
      `${a.measure.name}, results since ${weekStartText(since)} per site: did each move from its baseline (the ${BASELINE_WEEKS} weeks before the cycle) the way its prediction said, and how far apart were prediction and result?`,
    );
    for (const s of perSite) {
      const moved =
        s.judged > 0
          ? `${s.onPredictedSide} of ${s.judged} moved the way predicted`
          : 'no baseline to judge direction';
      const gap =
        s.meanAbsoluteGap === null
          ? ''
          : `; predictions and results were ${gapText(a.measure, s.meanAbsoluteGap)} apart on average`;
      lines.push(`• ${s.site}: ${plural(s.cycles.length, 'result')}, ${moved}${gap}${leanWords(s, lesson)}.`);
    }
    if (lesson.detail) lines.push(lesson.detail);
  }
  return {
    thisWeek: recent.length,
    surprise: surpriseSentence(recent, analysisOf, siteName),
    lessons,
    lines,
  };
}

/**
 * A site's own lean, said once for the network when the network leans (see
 * prediction-lesson.ts): then only the sites that lean the other way say so.
 */
function leanWords(
  s: { meanDifference: number | null; cycles: unknown[] },
  lesson: PredictionLesson,
): string {
  if (s.meanDifference === null || Math.abs(s.meanDifference) <= 1e-9 || s.cycles.length < 2) return '';
  const side = s.meanDifference > 0 ? 'higher' : 'lower';
  if (lesson.side === side) return '';
  const unlike = lesson.side ? ', unlike most sites' : '';
  return `, results on average ${side} than predicted${unlike}`;
}
