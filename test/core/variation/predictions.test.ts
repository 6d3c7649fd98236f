import { describe, expect, it } from 'vitest';
import { predictionAccuracy } from '../../../src/core/variation/index.ts';
import { allFinite } from './all-finite.ts';

describe('predictionAccuracy', () => {
  const report = predictionAccuracy([
    { site: 'Lincoln', predicted: 60, result: 55, baseline: 50 }, // predicted up, went up: on side
    { site: 'Hoover', predicted: 0.4, result: 0.5, baseline: 0.6 }, // predicted down, went down
    { site: 'Lincoln', predicted: 60, result: 45, baseline: 50 }, // predicted up, went down: a surprise
    { site: 'Lincoln', predicted: 10, result: 12 }, // no baseline: gap only
    { site: 'Hoover', predicted: 0.6, result: 0.7, baseline: 0.6 }, // predicted no change: not judged
  ]);

  it('reports each cycle’s difference as result − prediction', () => {
    const lincoln = report[0]!;
    expect(lincoln.cycles.map((cycle) => cycle.difference)).toEqual([-5, -15, 2]);
    expect(lincoln.cycles.map((cycle) => cycle.absoluteGap)).toEqual([5, 15, 2]);
  });

  it('gives the share of cycles whose result fell on the predicted side of the baseline', () => {
    const lincoln = report[0]!;
    expect(lincoln.cycles.map((cycle) => cycle.onPredictedSide)).toEqual([true, false, null]);
    expect(lincoln.judged).toBe(2);
    expect(lincoln.onPredictedSide).toBe(1);
    expect(lincoln.shareOnPredictedSide).toBe(0.5);
  });

  it('gives the mean absolute gap over every cycle, judged or not', () => {
    expect(report[0]!.meanAbsoluteGap).toBeCloseTo(22 / 3, 12);
    expect(report[0]!.meanDifference).toBeCloseTo(-6, 12);
  });

  it('does not judge a cycle without a baseline, or one that predicted no change', () => {
    const hoover = report[1]!;
    expect(hoover.cycles[1]).toMatchObject({
      predictedDirection: 'same',
      resultDirection: 'up',
      onPredictedSide: null,
    });
    expect(hoover.judged).toBe(1);
    expect(hoover.shareOnPredictedSide).toBe(1);
    expect(report[0]!.cycles[2]).toMatchObject({
      baseline: null,
      predictedDirection: null,
      onPredictedSide: null,
    });
  });

  it('keeps sites in order of first appearance, never ranked', () => {
    expect(report.map((site) => site.site)).toEqual(['Lincoln', 'Hoover']);
  });

  it('leaves out cycles without a numeric prediction and result, and has no share when nothing can be judged', () => {
    const result = predictionAccuracy([
      { site: 'Grant', predicted: Number.NaN, result: 3 },
      { site: 'Grant', predicted: 4, result: 3 },
    ]);
    expect(result).toHaveLength(1);
    expect(result[0]!.cycles).toHaveLength(1);
    expect(result[0]!.shareOnPredictedSide).toBeNull();
    expect(result[0]!.meanAbsoluteGap).toBe(1);
    expect(predictionAccuracy([])).toEqual([]);
    expect(allFinite(result)).toBe(true);
  });
});
