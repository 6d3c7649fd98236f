import { DateTime } from 'luxon';
import type { SiteOverTime } from './analyse.ts';
import {
  choosePanels,
  inSiteOrder,
  type PanelPriority,
  panelsWords,
  siteOrderWords,
} from './chart-panels.ts';
import { type ValueScale, valueScale } from './chart-scale.ts';
import type { DigestMeasure } from './types.ts';

// What the chart of a measure shows, as plain data: which sites get a panel
// and in what order, the shared value axis, the dates under it and what each
// panel marks. src/chart draws exactly this and decides nothing of its own,
// so the alt text and the digest's words can be checked against the picture.

export type Side = 'above' | 'below';

/** A stretch of weeks to mark, as positions in `weeks`. */
export type ChartStretch =
  /** On one side of the site's median: Anhøj's longest run when it signals, or an IHI shift. */
  | { kind: 'run' | 'shift'; start: number; end: number; side: Side }
  /** An IHI trend: each week higher (or lower) than the one before. */
  | { kind: 'trend'; start: number; end: number; direction: 'up' | 'down' };

export interface DigestChartSite {
  site: string;
  values: (number | null)[];
  centre: number | null;
  stretches: ChartStretch[];
  /** Weeks outside the site's own control limits. */
  outside: number[];
  /** Named in the digest as far from what its size would explain this week. */
  flag: Side | null;
  /** Named in the digest as apart from the other sites over recent weeks. */
  apart: Side | null;
  /** Named in the digest for a change in its own weekly series (which way its longest run went). */
  changed?: Side | null;
}

export interface DigestChartInput {
  title: string;
  unit?: string;
  percent?: boolean;
  better: 'higher' | 'lower';
  /** ISO weeks, oldest first. */
  weeks: string[];
  /**
   * The date each week starts on, as the axis shows it ("Sep 7"). The weeks
   * are the network's own (Monday to Sunday in its time zone), so the date
   * of their Monday is the same wherever the chart is read.
   */
  weekLabels: string[];
  /** The panels, in `order`. */
  sites: DigestChartSite[];
  /** "Sep 7 to Nov 23, 2026": the weeks shown, with the year. */
  period: string;
  /** Every site with figures, in the one order the chart and the text share. */
  order: string[];
  /** That order in words, for the chart's subtitle and the text: "from smallest to largest". */
  orderWords: string;
  /** Which sites have a panel and in what order, as the chart's subtitle says it. */
  panelsWords: string;
  scale: ValueScale;
}

/**
 * A site the digest's first message names, and why (named-sites.ts): the
 * chart highlights exactly these, so the words and the picture point at the
 * same panels.
 */
export interface NamedPanel {
  site: string;
  flag?: Side | null;
  apart?: Side | null;
  changed?: Side | null;
}

/**
 * A trend is marked only when its rise (or fall) is at least this share of
 * the value axis: about 13 px of a panel in the PNG. Less than that looks
 * flat, and a mark that says "rising" over a flat line misleads.
 */
export const VISIBLE_TREND_SHARE = 0.1;

export function buildChartInput(
  measure: DigestMeasure,
  weeks: string[],
  sites: SiteOverTime[],
  named: readonly NamedPanel[] = [],
): DigestChartInput {
  const namedPanels = new Map(named.map((n) => [n.site, n]));
  const ordered = inSiteOrder(sites.map((s) => ({ name: s.site.name, size: s.size, series: s })));
  const priority = ({ name, series }: (typeof ordered)[number]): PanelPriority =>
    namedPanels.has(name) ? 'named' : series.run.runsSignal && !series.run.tooShort ? 'changed' : 'other';
  const shown = choosePanels(ordered, priority);
  const orderWords = siteOrderWords(ordered);
  const percent = measure.kind === 'proportion';
  const scale = valueScale(
    shown.flatMap(({ series: s }) => [...s.values, s.run.centre].filter((v): v is number => v !== null)),
    percent,
  );
  return {
    title: `${measure.name}, weekly, by site`,
    ...(percent ? { percent: true } : measure.unit ? { unit: measure.unit } : {}),
    better: measure.better,
    weeks,
    weekLabels: weeks.map(weekStartLabel),
    sites: shown.map(({ name, series }) => {
      const why = namedPanels.get(name);
      return {
        site: name,
        values: series.values,
        centre: series.run.centre,
        ...marksOf(series, scale),
        flag: why?.flag ?? null,
        apart: why?.apart ?? null,
        ...(why?.changed ? { changed: why.changed } : {}),
      };
    }),
    period: periodText(weeks),
    order: ordered.map((s) => s.name),
    orderWords,
    panelsWords: panelsWords(
      shown.map((s) => ({ priority: priority(s) })),
      ordered.length,
      orderWords,
    ),
    scale,
  };
}

/** '2026-W37' → 'Sep 7', the Monday it starts on. */
export function weekStartLabel(week: string): string {
  const monday = DateTime.fromISO(`${week}-1`, { zone: 'utc' });
  return monday.isValid ? monday.toFormat('LLL d') : week;
}

/** "Sep 7 to Nov 23, 2026", "Dec 1, 2025 to Nov 23, 2026", "Nov 23, 2026". */
export function periodText(weeks: readonly string[]): string {
  const first = weeks[0];
  const last = weeks.at(-1);
  if (first === undefined || last === undefined) return '';
  const start = DateTime.fromISO(`${first}-1`, { zone: 'utc' });
  const end = DateTime.fromISO(`${last}-1`, { zone: 'utc' });
  if (!start.isValid || !end.isValid) return `${first} to ${last}`;
  if (first === last) return end.toFormat('LLL d, yyyy');
  const from = start.year === end.year ? start.toFormat('LLL d') : start.toFormat('LLL d, yyyy');
  return `${from} to ${end.toFormat('LLL d, yyyy')}`;
}

/** What to mark. A series too short to judge gets nothing: its patterns mean nothing yet. */
function marksOf(s: SiteOverTime, scale: ValueScale): Pick<DigestChartSite, 'stretches' | 'outside'> {
  if (s.run.tooShort) return { stretches: [], outside: [] };
  const stretches: ChartStretch[] = s.run.shifts.map((shift) => ({
    kind: 'shift',
    start: shift.start,
    end: shift.end,
    side: shift.side,
  }));
  const run = s.longestRun;
  // The same weeks as a shift on the same side are drawn once.
  const covered = stretches.some(
    (t) => t.kind === 'shift' && run && t.side === run.side && t.start <= run.start && t.end >= run.end,
  );
  if (s.run.runsSignal && run && !covered) {
    stretches.push({ kind: 'run', start: run.start, end: run.end, side: run.side });
  }
  const span = scale.max - scale.min;
  for (const trend of s.run.trends) {
    const rise = Math.abs((s.values[trend.end] ?? 0) - (s.values[trend.start] ?? 0));
    if (rise >= VISIBLE_TREND_SHARE * span) {
      stretches.push({ kind: 'trend', start: trend.start, end: trend.end, direction: trend.direction });
    }
  }
  return { stretches, outside: (s.ownLimits?.outside ?? []).map((o) => o.index) };
}
