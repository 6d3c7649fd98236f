export {
  analyseDigest,
  type DigestAnalysis,
  longestRun,
  type MeasureAnalysis,
  type OwnLimits,
  type Run,
  type SiteOverTime,
} from './analyse.ts';
export { chartAltText } from './chart-alt.ts';
export {
  buildChartInput,
  type ChartStretch,
  type DigestChartInput,
  type DigestChartSite,
  type NamedPanel,
} from './chart-input.ts';
export { compareSiteOrder, inSiteOrder, MAX_PANELS, siteOrderWords } from './chart-panels.ts';
export { type ComposedDigest, composeDigest } from './compose.ts';
export { BLOCK_LIMIT, textBlocks } from './text-blocks.ts';
export type {
  ChartImage,
  DecisionRecord,
  DigestData,
  DigestMeasure,
  DigestSite,
  OverdueCheckin,
  PredictionRecord,
  UnreachablePerson,
  WeeklyFigure,
} from './types.ts';
