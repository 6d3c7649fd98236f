/**
 * Predictions set against results (docs/statistics.md §5). A wrong prediction is learning,
 * not failure: the digest frames these numbers as "what surprised us".
 */

export interface PredictionPair {
  site: string;
  predicted: number;
  result: number;
  /** The figure before the change; it gives a prediction a direction. */
  baseline?: number;
}

export type Direction = 'up' | 'down' | 'same';

export interface CycleAccuracy {
  predicted: number;
  result: number;
  baseline: number | null;
  /** result − predicted: positive when the result came in above the prediction. */
  difference: number;
  absoluteGap: number;
  /** Direction predicted relative to the baseline; null without a baseline. */
  predictedDirection: Direction | null;
  resultDirection: Direction | null;
  /**
   * Did the result land on the predicted side of the baseline? Null when it
   * cannot be judged: no baseline, or the prediction was "no change"
   * (a continuous result almost never lands exactly on the baseline, so
   * counting those would only ever score a miss).
   */
  onPredictedSide: boolean | null;
}

export interface SitePredictionAccuracy {
  site: string;
  /** In input order. */
  cycles: CycleAccuracy[];
  /** Cycles with a direction that could be judged. */
  judged: number;
  onPredictedSide: number;
  /** onPredictedSide / judged; null when no cycle could be judged. */
  shareOnPredictedSide: number | null;
  /** Mean of |result − predicted|; null when the site has no cycle. */
  meanAbsoluteGap: number | null;
  /** Mean of result − predicted: shows whether results ran above or below predictions. */
  meanDifference: number | null;
}

function direction(from: number, to: number): Direction {
  return to > from ? 'up' : to < from ? 'down' : 'same';
}

function assess(pair: PredictionPair): CycleAccuracy {
  const difference = pair.result - pair.predicted;
  const baseline = pair.baseline !== undefined && Number.isFinite(pair.baseline) ? pair.baseline : null;
  const predictedDirection = baseline === null ? null : direction(baseline, pair.predicted);
  const resultDirection = baseline === null ? null : direction(baseline, pair.result);
  const onPredictedSide =
    predictedDirection === null || predictedDirection === 'same'
      ? null
      : predictedDirection === resultDirection;
  return {
    predicted: pair.predicted,
    result: pair.result,
    baseline,
    difference,
    absoluteGap: Math.abs(difference),
    predictedDirection,
    resultDirection,
    onPredictedSide,
  };
}

/**
 * Per site, in order of first appearance (never ranked): each cycle's gap, the
 * share of judged cycles whose result fell on the predicted side of the
 * baseline, and the mean absolute gap. Pairs without a finite prediction and
 * result are left out: only numeric ones can be set against each other.
 */
export function predictionAccuracy(pairs: readonly PredictionPair[]): SitePredictionAccuracy[] {
  const bySite = new Map<string, CycleAccuracy[]>();
  for (const pair of pairs) {
    if (!Number.isFinite(pair.predicted) || !Number.isFinite(pair.result)) continue;
    const cycles = bySite.get(pair.site) ?? [];
    cycles.push(assess(pair));
    bySite.set(pair.site, cycles);
  }

  return [...bySite].map(([site, cycles]) => {
    const judged = cycles.filter((cycle) => cycle.onPredictedSide !== null);
    const hits = judged.filter((cycle) => cycle.onPredictedSide === true).length;
    const count = cycles.length;
    return {
      site,
      cycles,
      judged: judged.length,
      onPredictedSide: hits,
      shareOnPredictedSide: judged.length > 0 ? hits / judged.length : null,
      meanAbsoluteGap: count > 0 ? cycles.reduce((sum, cycle) => sum + cycle.absoluteGap, 0) / count : null,
      meanDifference: count > 0 ? cycles.reduce((sum, cycle) => sum + cycle.difference, 0) / count : null,
    };
  });
}
