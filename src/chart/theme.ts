import type { SignalKind } from './types.ts';

// Sizes are in SVG units. The PNG is scaled to a fixed width, so what matters
// is each size relative to the chart's width (LAYOUT_WIDTH plus padding, about
// 880): shown 360 px wide on a phone the factor is about 0.41, so a 24-unit
// axis label lands near 10 px.
export const LAYOUT_WIDTH = 840;
export const MAX_COLUMNS = 3;
export const PANEL_HEIGHT = 150;
// Vega spacing between panels. The end week labels, centred on the first and
// last points, overhang each plot by about this much a side, widening the gap.
export const PANEL_GAP = 16;
export const X_LABEL_OVERHANG = 20;
export const ROW_GAP = 36;
// Left of the first column, for its y labels.
export const Y_AXIS_ROOM = 62;

export const FONT_FAMILY = 'Inter';
// Inter comes from the bundled package; DejaVu Sans covers hosts where it failed to load.
export const FONT_STACK = `${FONT_FAMILY}, DejaVu Sans, sans-serif`;

export const FONT = {
  title: 34,
  subtitle: 24,
  panelTitle: 26,
  panelFlag: 23,
  axisLabel: 24,
  legend: 24,
} as const;

export const INK = '#222222';
export const MUTED = '#555555';
export const GRID = '#e3e3e3';
// Okabe-Ito: distinguishable with the common colour-vision deficiencies; each
// signal also gets its own shape so colour is never the only cue.
export const LINE_COLOUR = '#0072B2';
export const CENTRE_COLOUR = '#666666';

export const SIGNAL_STYLE: Record<SignalKind, { label: string; colour: string; shape: string }> = {
  outside: { label: 'Outside limits', colour: '#D55E00', shape: 'diamond' },
  shift: { label: 'Shift', colour: '#E69F00', shape: 'square' },
  trend: { label: 'Trend', colour: '#CC79A7', shape: 'triangle-up' },
  run: { label: 'Runs', colour: '#009E73', shape: 'circle' },
};

/** When one point carries several signals only one symbol fits; the rarest wins. */
export const SIGNAL_PRIORITY: SignalKind[] = ['outside', 'shift', 'trend', 'run'];
