import { tickLabel } from './axis.ts';
import { drawLegend, legendKeys } from './legend.ts';
import { drawPanel, type PanelBox, panelNote } from './panel.ts';
import { element, linesHeight, textLines } from './svg.ts';
import { measureText, wrapText } from './text-measure.ts';
import {
  CHART_WIDTH,
  COLUMN_GAP,
  FONT,
  FONT_STACK,
  LAYOUT_WIDTH,
  MAX_COLUMNS,
  MUTED,
  PADDING,
  PLOT_HEIGHT,
  ROW_GAP,
} from './theme.ts';
import type { SiteChartInput } from './types.ts';

// The chart as SVG, drawn straight from its input: small multiples of run
// charts, one panel per site, in rows of three. Each panel's header (name,
// and why the digest names it) is as tall as the tallest in its row, so
// names and plots line up across the row.

const NOTE_GAP = 4;
const HEADER_GAP = 8;
const AXIS_GAP = 6;

export function drawChartSvg(input: SiteChartInput): string {
  const left = PADDING;
  let top = PADDING;
  const parts: string[] = [];
  const title = wrapText(input.title, LAYOUT_WIDTH, FONT.title, true, 2);
  parts.push(textLines(title, left, top, { size: FONT.title, bold: true, className: 'title' }));
  top += linesHeight(title.length, FONT.title) + 6;

  if (input.sites.length === 0 || input.weeks.length === 0) {
    top += 30;
    parts.push(textLines(['No data for this period'], left, top, { size: FONT.panelTitle, colour: MUTED }));
    return svgDocument(parts, top + linesHeight(1) + PADDING + 30);
  }

  const subtitle = subtitleLines(input).flatMap((line) =>
    wrapText(line, LAYOUT_WIDTH, FONT.subtitle, false, 3),
  );
  parts.push(textLines(subtitle, left, top, { size: FONT.subtitle, colour: MUTED, className: 'subtitle' }));
  top += linesHeight(subtitle.length, FONT.subtitle) + 14;
  const legend = drawLegend(legendKeys(input), left, top);
  parts.push(legend.svg);
  top += legend.height + (legend.height ? 20 : 6);

  const yLabels = input.scale.ticks.map((t) => tickLabel(t, input));
  const yRoom = Math.ceil(Math.max(...yLabels.map((l) => measureText(l, FONT.axisLabel)))) + 10;
  const columns = Math.min(MAX_COLUMNS, input.sites.length);
  const width = Math.floor((LAYOUT_WIDTH - yRoom - COLUMN_GAP * (columns - 1)) / columns);
  const headers = input.sites.map((site) => {
    const note = panelNote(site);
    return {
      name: wrapText(site.site, width, FONT.panelTitle, true, 2),
      note: note ? wrapText(note, width, FONT.panelNote, true, 2) : [],
    };
  });

  for (let rowStart = 0; rowStart < input.sites.length; rowStart += columns) {
    const row = headers.slice(rowStart, rowStart + columns);
    const nameHeight = linesHeight(Math.max(...row.map((h) => h.name.length)), FONT.panelTitle);
    const noteLines = Math.max(...row.map((h) => h.note.length));
    const noteHeight = noteLines ? NOTE_GAP + linesHeight(noteLines, FONT.panelNote) : 0;
    const plotTop = top + nameHeight + noteHeight + HEADER_GAP;
    row.forEach((header, c) => {
      const site = input.sites[rowStart + c];
      if (!site) return;
      const box: PanelBox = {
        left: left + yRoom + c * (width + COLUMN_GAP),
        plotTop,
        width,
        headerTop: top,
        name: header.name,
        note: header.note,
        noteTop: top + nameHeight + NOTE_GAP,
        yLabels: c === 0 ? yLabels : null,
      };
      parts.push(drawPanel(input, site, box));
    });
    top = plotTop + PLOT_HEIGHT + AXIS_GAP + linesHeight(1, FONT.axisLabel) + ROW_GAP;
  }
  return svgDocument(parts, top - ROW_GAP + PADDING);
}

function subtitleLines(input: SiteChartInput): string[] {
  const unit = input.unit && input.unit !== '%' && !input.percent ? ` Values in ${input.unit}.` : '';
  const better = `${input.better === 'higher' ? 'Higher' : 'Lower'} is better.`;
  return [`${input.period}. ${better}${unit}`, input.panelsWords];
}

function svgDocument(parts: string[], height: number): string {
  const h = Math.ceil(height);
  return element(
    'svg',
    {
      xmlns: 'http://www.w3.org/2000/svg',
      width: CHART_WIDTH,
      height: h,
      viewBox: `0 0 ${CHART_WIDTH} ${h}`,
      'font-family': FONT_STACK,
    },
    element('rect', { width: CHART_WIDTH, height: h, fill: 'white' }) + parts.join(''),
  );
}
