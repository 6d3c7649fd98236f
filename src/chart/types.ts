export type SignalKind = 'run' | 'shift' | 'trend' | 'outside';

export type SiteSeries = {
  site: string;
  /** One per week of `SiteChartInput.weeks`; null = no data that week. */
  values: (number | null)[];
  /** Median of the site's values: the run chart centre line. */
  centre: number | null;
  /** Points to mark; `index` is a position in `weeks`. */
  signals: { index: number; kind: SignalKind }[];
  /** Different beyond chance this period. */
  flag?: 'above' | 'below' | null;
};

export type SiteChartInput = {
  title: string;
  unit?: string;
  /** Values are proportions 0..1; the axis shows them as percent. */
  percent?: boolean;
  better: 'higher' | 'lower';
  /** ISO weeks in order, e.g. '2026-W36'. */
  weeks: string[];
  sites: SiteSeries[];
};

export type RenderOptions = {
  /** Width of the PNG in pixels. */
  width?: number;
};
