import { describe, expect, it } from 'vitest';
import { placeWeekLabels, tickLabel } from '../../src/chart/axis.ts';

describe('value axis labels', () => {
  const scale = (ticks: number[]) => ({ min: ticks[0]!, max: ticks.at(-1)!, ticks });

  it('shows proportions as whole percents, with a decimal only when ticks are closer than a percent', () => {
    expect(
      scale([0.6, 0.8, 1]).ticks.map((t) => tickLabel(t, { percent: true, scale: scale([0.6, 0.8, 1]) })),
    ).toEqual(['60%', '80%', '100%']);
    const close = scale([0.945, 0.95, 0.955]);
    expect(close.ticks.map((t) => tickLabel(t, { percent: true, scale: close }))).toEqual([
      '94.5%',
      '95.0%',
      '95.5%',
    ]);
  });

  it('gives other values the decimals their step needs, and "%" when that is the unit', () => {
    const halves = scale([2.5, 3, 3.5]);
    expect(halves.ticks.map((t) => tickLabel(t, { scale: halves }))).toEqual(['2.5', '3.0', '3.5']);
    const big = scale([1000, 2000]);
    expect(big.ticks.map((t) => tickLabel(t, { scale: big, unit: 'min' }))).toEqual(['1,000', '2,000']);
    expect(tickLabel(40, { scale: scale([20, 40]), unit: '%' })).toBe('40%');
  });
});

describe('dates under a plot', () => {
  const x = (i: number) => 10 + i * 20;
  const width = (text: string) => text.length * 10;

  it('keeps the first and last dates inside the panel and adds the middle one when it fits', () => {
    const labels = [
      'Sep 7',
      'Sep 14',
      'Sep 21',
      'Sep 28',
      'Oct 5',
      'Oct 12',
      'Oct 19',
      'Oct 26',
      'Nov 2',
      'Nov 9',
      'Nov 16',
      'Nov 23',
    ];
    const placed = placeWeekLabels(labels, x, 0, 240, width);
    expect(placed).toEqual([
      { index: 0, x: 0, anchor: 'start' },
      { index: 6, x: 130, anchor: 'middle' },
      { index: 11, x: 240, anchor: 'end' },
    ]);
  });

  it('leaves out the middle date when it would touch the others', () => {
    const labels = ['Sep 7', 'Sep 14', 'Sep 21', 'Sep 28', 'Oct 5'];
    expect(placeWeekLabels(labels, x, 0, 100, width).map((l) => l.index)).toEqual([0, 4]);
  });

  it('centres a lone week under its point', () => {
    expect(placeWeekLabels(['Sep 7'], () => 50, 0, 100, width)).toEqual([
      { index: 0, x: 50, anchor: 'middle' },
    ]);
  });
});
