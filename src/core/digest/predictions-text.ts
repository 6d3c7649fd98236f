import { median, predictionAccuracy } from '../variation/index.ts';
import type { MeasureAnalysis } from './analyse.ts';
import { gapText, measurementText, plural, shortWeek } from './format.ts';
import { quote } from './text-blocks.ts';
import type { DigestData, PredictionRecord } from './types.ts';

// Predictions set against results (reference/variation.md §4), framed as
// "what surprised us": a result unlike its prediction is where the learning
// is, never a failure. Sites are listed by name.

/** Weeks before a cycle's start whose median is its baseline: the level the change set out from. */
export const BASELINE_WEEKS = 4;
const MAX_RESULTS = 15;

export interface PredictionsText {
  /** Results recorded this week. */
  thisWeek: number;
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

function gapSentence(a: MeasureAnalysis, p: PredictionRecord): string {
  const diff = p.result.value - p.predicted.value;
  const same = gapText(a.measure, diff).startsWith('0 ');
  const how = same
    ? 'just as predicted'
    : `${gapText(a.measure, diff)} ${diff > 0 ? 'higher' : 'lower'} than predicted`;
  return `predicted ${measurementText(a.measure, p.predicted)}, the result was ${measurementText(a.measure, p.result)}: ${how}`;
}

export function predictionsText(data: DigestData, measures: readonly MeasureAnalysis[]): PredictionsText {
  const siteName = new Map(data.sites.map((s) => [s.id, s.name]));
  const analysisOf = new Map(measures.map((m) => [m.measure.id, m]));
  const records = data.predictions.filter((p) => analysisOf.has(p.measureId) && siteName.has(p.siteId));
  const byName = (a: PredictionRecord, b: PredictionRecord) =>
    (siteName.get(a.siteId) ?? '').localeCompare(siteName.get(b.siteId) ?? '') || a.cycleId - b.cycleId;
  const recent = records.filter((p) => p.resultWeek === data.week).sort(byName);
  if (records.length === 0) return { thisWeek: 0, lines: [] };

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
    const perSite = predictionAccuracy(pairs).sort((x, y) => x.site.localeCompare(y.site));
    lines.push(
      `${a.measure.name}, results since ${shortWeek(since)} per site: did each move from its baseline (the ${BASELINE_WEEKS} weeks before the cycle) the way its prediction said, and how far apart were prediction and result?`,
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
      const lean =
        s.meanDifference !== null && Math.abs(s.meanDifference) > 1e-9 && s.cycles.length > 1
          ? `, results on average ${s.meanDifference > 0 ? 'higher' : 'lower'} than predicted`
          : '';
      lines.push(`• ${s.site}: ${plural(s.cycles.length, 'result')}, ${moved}${gap}${lean}.`);
    }
  }
  return { thisWeek: recent.length, lines };
}
