import { isNamed } from './panel.ts';
import { element, textLines } from './svg.ts';
import { measureText } from './text-measure.ts';
import {
  CENTRE_COLOUR,
  FONT,
  INK,
  LAYOUT_WIDTH,
  LINE_HEIGHT,
  NAMED_FILL,
  OUTSIDE_COLOUR,
  SIDE_COLOUR,
  SIDE_OPACITY,
  TREND_COLOUR,
  TREND_OPACITY,
} from './theme.ts';
import type { SiteChartInput } from './types.ts';

type Item = { label: string; swatch: (x: number, midY: number) => string };

const SWATCH = 30;
const SWATCH_GAP = 8;
const ITEM_GAP = 28;

const ITEMS = {
  median: {
    label: 'The site’s median',
    swatch: (x, mid) =>
      element('line', {
        x1: x,
        x2: x + SWATCH,
        y1: mid,
        y2: mid,
        stroke: CENTRE_COLOUR,
        'stroke-width': 2,
        'stroke-dasharray': '8 6',
      }),
  },
  named: {
    label: 'Named in the digest',
    swatch: (x, mid) =>
      element('rect', {
        x,
        y: mid - 11,
        width: SWATCH,
        height: 22,
        fill: NAMED_FILL,
        stroke: INK,
        'stroke-width': 2.5,
      }),
  },
  side: {
    label: 'Weeks on one side of the median',
    swatch: (x, mid) =>
      element('rect', {
        x,
        y: mid - 11,
        width: SWATCH,
        height: 22,
        fill: SIDE_COLOUR,
        'fill-opacity': SIDE_OPACITY,
      }),
  },
  trend: {
    label: 'Steady rise or fall',
    swatch: (x, mid) =>
      element('path', {
        d: `M${x + 6} ${mid + 7}L${x + SWATCH - 6} ${mid - 7}`,
        stroke: TREND_COLOUR,
        'stroke-opacity': TREND_OPACITY,
        'stroke-width': 14,
        'stroke-linecap': 'round',
      }),
  },
  outside: {
    label: 'Outside the site’s own limits',
    swatch: (x, mid) =>
      element('circle', {
        cx: x + SWATCH / 2,
        cy: mid,
        r: 10,
        fill: 'none',
        stroke: OUTSIDE_COLOUR,
        'stroke-width': 3.5,
      }),
  },
} satisfies Record<string, Item>;

export type LegendKey = keyof typeof ITEMS;
export const LEGEND_KEYS = Object.keys(ITEMS) as LegendKey[];

/** The marks drawn on this chart, in a fixed order; a legend lists only these. */
export function legendKeys(input: SiteChartInput): LegendKey[] {
  const sites = input.sites;
  const keys: LegendKey[] = [];
  if (sites.some((s) => s.centre !== null)) keys.push('median');
  if (sites.some(isNamed)) keys.push('named');
  if (sites.some((s) => s.stretches.some((t) => t.kind !== 'trend'))) keys.push('side');
  if (sites.some((s) => s.stretches.some((t) => t.kind === 'trend'))) keys.push('trend');
  if (sites.some((s) => s.outside.length > 0)) keys.push('outside');
  return keys;
}

export function legendLabel(key: LegendKey): string {
  return ITEMS[key].label;
}

/** The legend's items, wrapped into rows across the chart's width; returns the SVG and its height. */
export function drawLegend(keys: LegendKey[], left: number, top: number): { svg: string; height: number } {
  if (keys.length === 0) return { svg: '', height: 0 };
  const rowHeight = FONT.legend * LINE_HEIGHT + 6;
  let x = left;
  let row = 0;
  const parts: string[] = [];
  for (const key of keys) {
    const item: Item = ITEMS[key];
    const width = SWATCH + SWATCH_GAP + measureText(item.label, FONT.legend);
    if (x > left && x + width > left + LAYOUT_WIDTH) {
      x = left;
      row++;
    }
    const rowTop = top + row * rowHeight;
    parts.push(item.swatch(x, rowTop + (FONT.legend * LINE_HEIGHT) / 2));
    parts.push(
      textLines([item.label], x + SWATCH + SWATCH_GAP, rowTop, { size: FONT.legend, className: 'legend' }),
    );
    x += width + ITEM_GAP;
  }
  return { svg: element('g', { class: 'legend' }, parts.join('')), height: (row + 1) * rowHeight };
}
