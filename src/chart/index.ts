export { DEFAULT_WIDTH, renderSiteChart, renderSiteChartSvg } from './render.ts';
export type { RenderOptions, SiteChartInput, SiteSeries } from './types.ts';
