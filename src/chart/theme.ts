// Sizes are in SVG units. The PNG is scaled to a fixed width, so what matters
// is each size relative to the chart's width (CHART_WIDTH, 880): shown 360 px
// wide on a phone the factor is about 0.41, so a 24-unit axis label lands
// near 10 px.
export const CHART_WIDTH = 880;
export const PADDING = 20;
export const LAYOUT_WIDTH = CHART_WIDTH - 2 * PADDING;
export const MAX_COLUMNS = 3;
export const PLOT_HEIGHT = 140;
/** Between the points and the plot's edges, so marks stay inside it. */
export const PLOT_INSET = 14;
export const COLUMN_GAP = 26;
export const ROW_GAP = 30;

export const FONT_FAMILY = 'Inter';
// Inter comes from the bundled package; DejaVu Sans covers hosts where it failed to load.
export const FONT_STACK = `${FONT_FAMILY}, DejaVu Sans, sans-serif`;

export const FONT = {
  title: 34,
  subtitle: 24,
  panelTitle: 26,
  panelNote: 22,
  axisLabel: 22,
  legend: 23,
} as const;

export const LINE_HEIGHT = 1.2;

export const INK = '#222222';
export const MUTED = '#555555';
export const GRID = '#e3e3e3';
// Okabe-Ito: distinguishable with the common colour-vision deficiencies; each
// mark also has its own form (band, highlighter, ring) so colour is never the
// only cue.
export const LINE_COLOUR = '#0072B2';
export const CENTRE_COLOUR = '#666666';
/** Weeks on one side of the median: a band behind the line, never over it. */
export const SIDE_COLOUR = '#E69F00';
export const SIDE_OPACITY = 0.32;
/** A trend: a highlighter stroke under the line, which shows its rise or fall. */
export const TREND_COLOUR = '#CC79A7';
export const TREND_OPACITY = 0.55;
/** A week outside the site's own limits: a ring around the point. */
export const OUTSIDE_COLOUR = '#D55E00';
/** The panels of sites the digest names. */
export const NAMED_FILL = '#FFF4E0';
