import type { SiteChartInput } from './types.ts';

/**
 * A value-axis label. Proportions are percents, with a decimal only when the
 * ticks are closer than a whole percent; a unit of "%" is appended, other
 * units are said once in the subtitle rather than on every tick.
 */
export function tickLabel(value: number, input: Pick<SiteChartInput, 'percent' | 'unit' | 'scale'>): string {
  const ticks = input.scale.ticks;
  const step = ticks.length > 1 ? Math.abs((ticks[1] ?? 0) - (ticks[0] ?? 0)) : 1;
  if (input.percent) return `${(value * 100).toFixed(decimalsFor(step * 100))}%`;
  const text = value.toLocaleString('en-US', {
    minimumFractionDigits: decimalsFor(step),
    maximumFractionDigits: decimalsFor(step),
  });
  return input.unit === '%' ? `${text}%` : text;
}

/** Enough decimals to tell ticks `step` apart: 0 for 5, 1 for 2.5 or 0.5, 2 for 0.25. */
function decimalsFor(step: number): number {
  for (let d = 0; d < 6; d++) {
    if (Math.abs(Math.round(step * 10 ** d) - step * 10 ** d) < 1e-6) return d;
  }
  return 6;
}

export type WeekLabel = { index: number; x: number; anchor: 'start' | 'middle' | 'end' };

/**
 * Dates under the plot: the first week's and the last's, kept inside the
 * panel (centred on the end points they would run into the next panel), and
 * a week's near the middle when its date fits between them with room to spare.
 */
export function placeWeekLabels(
  labels: readonly string[],
  x: (i: number) => number,
  left: number,
  right: number,
  widthOf: (text: string) => number,
): WeekLabel[] {
  const count = labels.length;
  if (count === 0) return [];
  if (count === 1) return [{ index: 0, x: x(0), anchor: 'middle' }];
  const last = count - 1;
  const placed: WeekLabel[] = [
    { index: 0, x: left, anchor: 'start' },
    { index: last, x: right, anchor: 'end' },
  ];
  const gap = 12;
  const fits = (i: number) => {
    const half = widthOf(labels[i] ?? '') / 2;
    return (
      x(i) - half >= left + widthOf(labels[0] ?? '') + gap &&
      x(i) + half <= right - widthOf(labels[last] ?? '') - gap
    );
  };
  // The week nearest the middle whose date fits, looking a little either side.
  const centre = last / 2;
  const candidates = [0, -0.5, 0.5, -1.5, 1.5].map((d) => Math.round(centre + d));
  const mid = candidates.find((i) => i > 0 && i < last && fits(i));
  if (mid !== undefined) placed.splice(1, 0, { index: mid, x: x(mid), anchor: 'middle' });
  return placed;
}
