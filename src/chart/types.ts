// The chart draws what the digest's core decided (src/core/digest/chart-input.ts):
// which sites, in what order, on which scale, with which marks.
export type {
  ChartStretch,
  DigestChartInput as SiteChartInput,
  DigestChartSite as SiteSeries,
} from '../core/digest/chart-input.ts';

export type RenderOptions = {
  /** Width of the PNG in pixels. */
  width?: number;
};
