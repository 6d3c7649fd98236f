export { DEFAULT_WIDTH, renderSiteChart, renderSiteChartSvg } from './render.ts';
export { MAX_PANELS } from './select-sites.ts';
export { buildSiteChartSpec } from './spec.ts';
export type { RenderOptions, SignalKind, SiteChartInput, SiteSeries } from './types.ts';
