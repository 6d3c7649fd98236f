import type { Config, TopLevelSpec } from 'vega-lite';
import { panelHeaders } from './panel-header.ts';
import { selectSites } from './select-sites.ts';
import { wrapText } from './text-measure.ts';
import {
  CENTRE_COLOUR,
  FONT,
  FONT_STACK,
  GRID,
  INK,
  LAYOUT_WIDTH,
  LINE_COLOUR,
  MAX_COLUMNS,
  MUTED,
  PANEL_GAP,
  PANEL_HEIGHT,
  ROW_GAP,
  SIGNAL_PRIORITY,
  SIGNAL_STYLE,
  X_LABEL_OVERHANG,
  Y_AXIS_ROOM,
} from './theme.ts';
import type { SignalKind, SiteChartInput, SiteSeries } from './types.ts';
import type { AxisDef, Layer, PositionDef } from './vl-types.ts';

type Row = { week: string; value: number | null; signal: string | null };

// '2026-W05' -> 'W5'; done in Vega so the scale domain keeps the full ISO week
// and weeks from different years never collide.
const WEEK_LABEL_EXPR = "replace(slice(datum.value, indexof(datum.value, 'W')), 'W0', 'W')";

export function buildSiteChartSpec(input: SiteChartInput): TopLevelSpec {
  const { shown, hidden } = selectSites(input.sites);
  const title = wrapText(input.title, LAYOUT_WIDTH, FONT.title, true, 2);
  const config = chartConfig();
  if (shown.length === 0 || input.weeks.length === 0) {
    return noDataSpec(title, config);
  }

  const columns = Math.min(MAX_COLUMNS, shown.length);
  const room = LAYOUT_WIDTH - Y_AXIS_ROOM - PANEL_GAP * (columns - 1) - 2 * X_LABEL_OVERHANG * columns;
  const width = Math.floor(room / columns);
  const rows = shown.map((site) => siteRows(input.weeks, site));
  // Only kinds that are actually drawn: a signal on a missing week has no point.
  const present = SIGNAL_PRIORITY.map((k) => SIGNAL_STYLE[k].label).filter((label) =>
    rows.some((r) => r.some((row) => row.signal === label && row.value !== null)),
  );
  const yAxisBase = yAxis(input, shown);
  const headers = panelHeaders(shown, columns, width);

  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: { text: title, subtitle: subtitleLines(input, hidden) },
    config,
    columns,
    // Per-column widths: with 'all' every column would reserve the room of
    // the first column's y labels.
    align: 'each',
    spacing: { column: PANEL_GAP, row: ROW_GAP },
    concat: shown.map((site, i) => ({
      width,
      height: PANEL_HEIGHT,
      ...(site.flag ? { view: { stroke: INK, strokeWidth: 2 } } : {}),
      // Only the first column carries y labels: the scale is shared, and the
      // room goes to the plots instead.
      layer: [
        ...panelLayers(input.weeks, site, rows[i] ?? [], present, {
          ...yAxisBase,
          labels: i % columns === 0,
        }),
        ...(headers[i] ?? []),
      ],
    })),
    resolve: { scale: { x: 'shared', y: 'shared', color: 'shared', shape: 'shared' } },
  };
}

function panelLayers(
  weeks: string[],
  site: SiteSeries,
  rows: Row[],
  present: string[],
  axis: AxisDef,
): Layer[] {
  const x: PositionDef = {
    field: 'week',
    type: 'ordinal',
    scale: { type: 'point', domain: weeks, padding: 0.4 },
    axis: { title: null, values: tickWeeks(weeks), labelExpr: WEEK_LABEL_EXPR, labelAngle: 0 },
  };
  // Padding keeps symbols inside the plot instead of hanging over the header.
  const y: PositionDef = {
    field: 'value',
    type: 'quantitative',
    scale: { zero: false, nice: true, padding: 12 },
    axis,
  };
  const layers: Layer[] = [];
  if (site.centre !== null && Number.isFinite(site.centre)) {
    layers.push({
      data: { values: [{ value: site.centre }] },
      mark: { type: 'rule', color: CENTRE_COLOUR, strokeDash: [8, 6], strokeWidth: 2 },
      encoding: { y },
    });
  }
  // Points as well as the line: a week between two gaps has no segment to draw.
  layers.push({
    data: { values: rows },
    mark: { type: 'line', color: LINE_COLOUR, strokeWidth: 3, point: { size: 40, color: LINE_COLOUR } },
    encoding: { x, y },
  });
  const signalRows = rows.filter((r) => r.signal !== null && r.value !== null);
  if (signalRows.length > 0) {
    const labels = SIGNAL_PRIORITY.map((k) => SIGNAL_STYLE[k].label);
    const legend = { title: null, values: present };
    layers.push({
      data: { values: signalRows },
      mark: { type: 'point', filled: true, size: 240, stroke: 'white', strokeWidth: 1.5, opacity: 1 },
      encoding: {
        x,
        y,
        color: {
          field: 'signal',
          type: 'nominal',
          scale: { domain: labels, range: SIGNAL_PRIORITY.map((k) => SIGNAL_STYLE[k].colour) },
          legend,
        },
        shape: {
          field: 'signal',
          type: 'nominal',
          scale: { domain: labels, range: SIGNAL_PRIORITY.map((k) => SIGNAL_STYLE[k].shape) },
          legend,
        },
      },
    });
  }
  return layers;
}

function siteRows(weeks: string[], site: SiteSeries): Row[] {
  const marked = new Map<number, SignalKind>();
  for (const s of site.signals) {
    const prev = marked.get(s.index);
    if (prev === undefined || SIGNAL_PRIORITY.indexOf(s.kind) < SIGNAL_PRIORITY.indexOf(prev)) {
      marked.set(s.index, s.kind);
    }
  }
  return weeks.map((week, i) => {
    const v = site.values[i];
    const kind = marked.get(i);
    return {
      week,
      value: typeof v === 'number' && Number.isFinite(v) ? v : null,
      signal: kind ? SIGNAL_STYLE[kind].label : null,
    };
  });
}

function subtitleLines(input: SiteChartInput, hidden: number): string[] {
  const unit = input.unit && input.unit !== '%' && !input.percent ? ` Values in ${input.unit}.` : '';
  const lines = [
    `${input.better === 'higher' ? 'Higher' : 'Lower'} is better. Dashed line: site median.${unit}`,
  ];
  if (hidden > 0) {
    const sites = hidden === 1 ? 'site' : 'sites';
    lines.push(`${hidden} more ${sites} not drawn (flagged sites are drawn first).`);
  }
  return lines;
}

/** First and last week always, plus evenly spaced ones between. */
function tickWeeks(weeks: string[], max = 3): string[] {
  if (weeks.length <= max) return weeks;
  const picks = new Set<number>();
  for (let i = 0; i < max; i++) picks.add(Math.round((i * (weeks.length - 1)) / (max - 1)));
  return [...picks].map((i) => weeks[i]).filter((w): w is string => w !== undefined);
}

function yAxis(input: SiteChartInput, sites: SiteSeries[]): AxisDef {
  // Flush keeps the lowest label clear of the week labels below it.
  const base = { title: null, tickCount: 3, labelFlush: true };
  if (input.percent) {
    // Whole percents repeat on a narrow range (94.6%, 95.0%, 95.4% -> "95%").
    return { ...base, format: valueSpan(sites) < 0.05 ? '.1%' : '.0%' };
  }
  // Longer units go in the subtitle: repeated on every tick they crowd the axis.
  // No format of our own: Vega's default picks decimals from the tick step.
  if (input.unit === '%') return { ...base, labelExpr: "datum.label + '%'" };
  return base;
}

function valueSpan(sites: SiteSeries[]): number {
  const all = sites.flatMap((s) => [...s.values, s.centre]).filter((v): v is number => typeof v === 'number');
  return all.length === 0 ? 0 : Math.max(...all) - Math.min(...all);
}

function noDataSpec(title: string[], config: Config): TopLevelSpec {
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: { text: title },
    config: { ...config, view: { stroke: null } },
    width: LAYOUT_WIDTH,
    height: PANEL_HEIGHT,
    data: { values: [{ message: 'No data for this period' }] },
    mark: { type: 'text', fontSize: FONT.panelTitle, color: MUTED },
    encoding: { text: { field: 'message', type: 'nominal' } },
  };
}

function chartConfig(): Config {
  return {
    font: FONT_STACK,
    background: 'white',
    padding: 20,
    view: { stroke: null },
    title: {
      fontSize: FONT.title,
      fontWeight: 'bold',
      color: INK,
      anchor: 'start',
      subtitleFontSize: FONT.subtitle,
      subtitleColor: MUTED,
      subtitlePadding: 8,
      offset: 18,
    },
    axis: {
      labelFontSize: FONT.axisLabel,
      labelColor: MUTED,
      labelPadding: 6,
      domain: false,
      ticks: false,
      grid: true,
      gridColor: GRID,
    },
    legend: {
      orient: 'top',
      direction: 'horizontal',
      labelFontSize: FONT.legend,
      labelColor: INK,
      symbolSize: 240,
      symbolStrokeWidth: 0,
      columnPadding: 24,
      offset: 16,
    },
  };
}
