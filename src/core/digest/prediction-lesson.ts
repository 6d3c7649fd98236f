import {
  PREDICTION_LEAN_ALPHA,
  PREDICTION_LEAN_MIN_SITES,
  predictionLean,
  type SitePredictionAccuracy,
} from '../variation/index.ts';
import { gapText, num } from './format.ts';
import type { DigestMeasure } from './types.ts';

// What a network is learning about its own predictions: when results come in
// on the same side of the predictions at site after site (a sign test across
// sites, src/core/variation/prediction-lean.ts), the digest says so once, as
// a lesson for the network, rather than site by site.

export interface PredictionLesson {
  /** The side results are on when the lean is consistent, else null. */
  side: 'higher' | 'lower' | null;
  /** The first message's sentence, when there is a lesson. */
  sentence: string | null;
  /** The thread's line: the split, the test and its rule, whether or not there is a lesson. */
  detail: string | null;
}

/** "run about 7 points optimistic", "run slightly optimistic, by less than a point", "run about 1.5 minutes cautious". */
function runText(measure: DigestMeasure, difference: number, how: string): string {
  if (measure.kind === 'proportion') {
    const points = Math.round(Math.abs(difference) * 100);
    if (points === 0) return `run slightly ${how}, by less than a point`;
    return `run about ${points} point${points === 1 ? '' : 's'} ${how}`;
  }
  const unit = measure.unit ? ` ${measure.unit}` : '';
  return `run about ${num(Math.abs(difference))}${unit} ${how}`;
}

function pText(p: number): string {
  return p < 0.001 ? 'p < 0.001' : `p = ${Number(p.toPrecision(2))}`;
}

export function predictionLesson(
  measure: DigestMeasure,
  perSite: readonly SitePredictionAccuracy[],
  nameMeasure: boolean,
): PredictionLesson {
  const leans = perSite.flatMap((s) => (s.meanDifference === null ? [] : [s.meanDifference]));
  const lean = predictionLean(leans);
  const leaning = lean.higher + lean.lower;
  if (leaning < 2) return { side: null, sentence: null, detail: null };
  const rule = `a lean is named when p ≤ ${PREDICTION_LEAN_ALPHA} with ${PREDICTION_LEAN_MIN_SITES} or more sites`;
  const split = `Across sites: results came in lower than predicted on average at ${lean.lower} of ${leaning} sites and higher at ${lean.higher}${lean.even ? ` (${lean.even} even)` : ''}`;
  const typical =
    lean.typicalDifference === null
      ? ''
      : `; the median site’s results were ${gapText(measure, lean.typicalDifference)} ${lean.typicalDifference >= 0 ? 'above' : 'below'} its predictions`;
  if (!lean.side || lean.typicalDifference === null) {
    return {
      side: null,
      sentence: null,
      detail: `${split}: no consistent lean (sign test across sites, ${pText(lean.pValue)}; ${rule})${typical}.`,
    };
  }
  const worse = (lean.side === 'lower') === (measure.better === 'higher');
  const how = worse ? 'optimistic' : 'cautious';
  const count = lean.side === 'lower' ? lean.lower : lean.higher;
  const where = count === leaning ? `at all ${leaning} sites` : `at ${count} of ${leaning} sites`;
  const of = nameMeasure ? ` of ${measure.name}` : '';
  return {
    side: lean.side,
    sentence: `Our predictions${of} ${runText(measure, lean.typicalDifference, how)}: ${where}, results came in ${lean.side} than predicted.`,
    detail: `${split}: a consistent lean (sign test across sites, ${pText(lean.pValue)}; ${rule})${typical}.`,
  };
}
