import { placeWeekLabels } from './axis.ts';
import { element, group, n, textLines } from './svg.ts';
import { measureText } from './text-measure.ts';
import {
  CENTRE_COLOUR,
  FONT,
  GRID,
  INK,
  LINE_COLOUR,
  MUTED,
  NAMED_FILL,
  OUTSIDE_COLOUR,
  PLOT_HEIGHT,
  PLOT_INSET,
  SIDE_COLOUR,
  SIDE_OPACITY,
  TREND_COLOUR,
  TREND_OPACITY,
} from './theme.ts';
import type { ChartStretch, SiteChartInput, SiteSeries } from './types.ts';

/** Where a panel goes: its plot's top-left corner and width, and its header's lines above. */
export type PanelBox = {
  left: number;
  plotTop: number;
  width: number;
  headerTop: number;
  name: string[];
  note: string[];
  /** Top of the note, so that notes line up across a row. */
  noteTop: number;
  /** Value labels left of the plot: the first column only, the scale being shared. */
  yLabels: string[] | null;
};

/** Closer than this, dots on the line run together. */
const MIN_DOT_SPACING = 11;

export function isNamed(site: SiteSeries): boolean {
  return site.flag !== null || site.apart !== null || (site.changed ?? null) !== null;
}

/**
 * One site's panel. Drawing order matters: the marks for stretches of weeks
 * sit behind the line and its points, so no mark ever hides what it marks.
 */
export function drawPanel(input: SiteChartInput, site: SiteSeries, box: PanelBox): string {
  const { left, plotTop, width } = box;
  const right = left + width;
  const bottom = plotTop + PLOT_HEIGHT;
  const count = input.weeks.length;
  const step = count > 1 ? (width - 2 * PLOT_INSET) / (count - 1) : 0;
  const x = (i: number) => (count > 1 ? left + PLOT_INSET + i * step : left + width / 2);
  const { min, max, ticks } = input.scale;
  const y = (v: number) =>
    bottom - PLOT_INSET - ((v - min) / (max - min || 1)) * (PLOT_HEIGHT - 2 * PLOT_INSET);
  const named = isNamed(site);
  const parts: string[] = [];

  if (named)
    parts.push(element('rect', { x: left, y: plotTop, width, height: PLOT_HEIGHT, fill: NAMED_FILL }));
  for (const tick of ticks) {
    parts.push(
      element('line', { x1: left, x2: right, y1: y(tick), y2: y(tick), stroke: GRID, 'stroke-width': 1.5 }),
    );
  }
  for (const stretch of site.stretches) {
    if (stretch.kind !== 'trend') parts.push(sideBand(stretch, site, x, y, step, left, right));
  }
  for (const stretch of site.stretches) {
    if (stretch.kind === 'trend') parts.push(trendStroke(stretch, site, x, y));
  }
  if (site.centre !== null && Number.isFinite(site.centre)) {
    parts.push(
      element('line', {
        class: 'median',
        x1: left,
        x2: right,
        y1: y(site.centre),
        y2: y(site.centre),
        stroke: CENTRE_COLOUR,
        'stroke-width': 2,
        'stroke-dasharray': '8 6',
      }),
    );
  }
  parts.push(seriesLine(site.values, x, y, step));
  for (const index of site.outside) {
    const v = site.values[index];
    if (typeof v !== 'number' || !Number.isFinite(v)) continue;
    parts.push(
      element('circle', {
        class: 'outside',
        cx: x(index),
        cy: y(v),
        r: 10,
        fill: 'none',
        stroke: OUTSIDE_COLOUR,
        'stroke-width': 3.5,
      }),
    );
  }
  if (named) {
    parts.push(
      element('rect', {
        class: 'frame',
        x: left,
        y: plotTop,
        width,
        height: PLOT_HEIGHT,
        fill: 'none',
        stroke: INK,
        'stroke-width': 2.5,
      }),
    );
  }

  parts.push(
    textLines(box.name, left, box.headerTop, { size: FONT.panelTitle, bold: true, className: 'name' }),
  );
  if (box.note.length) {
    parts.push(
      textLines(box.note, left, box.noteTop, { size: FONT.panelNote, bold: true, className: 'note' }),
    );
  }
  parts.push(weekLabels(input, x, bottom, left, right));
  if (box.yLabels) {
    ticks.forEach((tick, i) => {
      const label = box.yLabels?.[i] ?? '';
      parts.push(
        textLines([label], left - 8, y(tick) - (FONT.axisLabel * 1.2) / 2, {
          size: FONT.axisLabel,
          colour: MUTED,
          anchor: 'end',
          className: 'y-label',
        }),
      );
    });
  }
  return group({ class: 'panel', 'data-site': site.site }, parts);
}

function weekLabels(
  input: SiteChartInput,
  x: (i: number) => number,
  bottom: number,
  left: number,
  right: number,
) {
  const widthOf = (text: string) => measureText(text, FONT.axisLabel);
  return placeWeekLabels(input.weekLabels, x, left, right, widthOf)
    .map((label) =>
      textLines([input.weekLabels[label.index] ?? ''], label.x, bottom + 6, {
        size: FONT.axisLabel,
        colour: MUTED,
        anchor: label.anchor,
        className: 'x-label',
      }),
    )
    .join('');
}

/**
 * The line through the weekly values, broken where a week has none. A dot
 * marks each week when the weeks are far enough apart to tell the dots apart
 * (a year of weeks would be a bead string); a week with no neighbour always
 * gets one, having no line to show it.
 */
function seriesLine(
  values: readonly (number | null)[],
  x: (i: number) => number,
  y: (v: number) => number,
  step: number,
) {
  const has = (i: number) => {
    const v = values[i];
    return typeof v === 'number' && Number.isFinite(v);
  };
  let d = '';
  let dots = '';
  values.forEach((v, i) => {
    if (typeof v !== 'number' || !Number.isFinite(v)) return;
    const at = `${n(x(i))} ${n(y(v))}`;
    d += `${has(i - 1) ? 'L' : 'M'}${at}`;
    // A dot is a zero-length segment with a round cap: one path for all of them.
    if (step >= MIN_DOT_SPACING || (!has(i - 1) && !has(i + 1))) dots += `M${at}h0`;
  });
  const line = element('path', {
    class: 'series',
    d: d || 'M0 0',
    fill: 'none',
    stroke: LINE_COLOUR,
    'stroke-width': 3,
    // Bevel rather than round: as clean at this width, and a year of weekly
    // zigzags in 24 panels drew a fifth faster.
    'stroke-linejoin': 'bevel',
  });
  if (!dots) return line;
  return (
    line +
    element('path', {
      class: 'points',
      d: dots,
      stroke: LINE_COLOUR,
      'stroke-width': 8,
      'stroke-linecap': 'round',
    })
  );
}

/** A band from the median to the farthest point of the stretch: these weeks sat above (or below) it. */
function sideBand(
  stretch: Extract<ChartStretch, { side: unknown }>,
  site: SiteSeries,
  x: (i: number) => number,
  y: (v: number) => number,
  step: number,
  left: number,
  right: number,
) {
  const centre = site.centre;
  const values = site.values.slice(stretch.start, stretch.end + 1).filter(Number.isFinite) as number[];
  if (centre === null || values.length === 0) return '';
  const far = stretch.side === 'above' ? Math.max(...values) : Math.min(...values);
  const x1 = Math.max(left, x(stretch.start) - step / 2);
  const x2 = Math.min(right, x(stretch.end) + step / 2);
  const [top, bottom] = [y(far), y(centre)].sort((a, b) => a - b) as [number, number];
  // A few units past the farthest point, so its dot sits inside the band.
  const pad = 6;
  return element('rect', {
    class: `band ${stretch.kind}`,
    x: x1,
    y: stretch.side === 'above' ? top - pad : top,
    width: x2 - x1,
    height: bottom - top + pad,
    fill: SIDE_COLOUR,
    'fill-opacity': SIDE_OPACITY,
  });
}

/** A wide translucent stroke under the line's stretch: the reader sees the line itself rise or fall. */
function trendStroke(
  stretch: Extract<ChartStretch, { kind: 'trend' }>,
  site: SiteSeries,
  x: (i: number) => number,
  y: (v: number) => number,
) {
  let d = '';
  for (let i = stretch.start; i <= stretch.end; i++) {
    const v = site.values[i];
    if (typeof v !== 'number' || !Number.isFinite(v)) continue;
    d += `${d ? 'L' : 'M'}${n(x(i))} ${n(y(v))}`;
  }
  if (!d) return '';
  return element('path', {
    class: 'trend',
    d,
    fill: 'none',
    stroke: TREND_COLOUR,
    'stroke-opacity': TREND_OPACITY,
    'stroke-width': 16,
    'stroke-linecap': 'round',
    'stroke-linejoin': 'round',
  });
}

/** Why the digest names the site, in the words of the panel's header. */
export function panelNote(site: SiteSeries): string | undefined {
  const arrow = (side: 'above' | 'below') => (side === 'above' ? '↑' : '↓');
  if (site.flag && site.apart) {
    return `${arrow(site.flag)} ${site.flag === 'above' ? 'Above' : 'Below'} expected this week, apart lately`;
  }
  if (site.flag) return `${arrow(site.flag)} ${site.flag === 'above' ? 'Above' : 'Below'} expected this week`;
  if (site.apart) return `${arrow(site.apart)} Apart in recent weeks`;
  if (site.changed) return `${arrow(site.changed)} Changed over the weeks`;
  return undefined;
}
