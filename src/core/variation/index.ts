export {
  type AttributeChartOptions,
  type AttributeChartResult,
  type AttributePoint,
  pChart,
  type Subgroup,
  uChart,
} from './attribute-charts.ts';
export { binomialCdf, binomialQuantile } from './binomial.ts';
export {
  ACROSS_SITES_FAMILY_RATE,
  type CompareSitesOptions,
  compareSites,
  type MeasureKind,
  type SiteComparison,
  type SiteComparisonResult,
  type SiteFigures,
  type SiteVerdict,
} from './compare-sites.ts';
export { type IChartOptions, type IChartResult, iChart } from './i-chart.ts';
export {
  findShifts,
  findTrends,
  type IndexedValue,
  SHIFT_LENGTH,
  type Shift,
  TREND_LENGTH,
  type Trend,
} from './ihi-rules.ts';
export {
  type AverageMovingRange,
  averageMovingRange,
  D2,
  MOVING_RANGE_SCREEN_FACTOR,
  movingRanges,
} from './moving-range.ts';
export { normalQuantile } from './normal.ts';
export {
  PREDICTION_LEAN_ALPHA,
  PREDICTION_LEAN_MIN_SITES,
  type PredictionLean,
  predictionLean,
  signTestPValue,
} from './prediction-lean.ts';
export {
  type CycleAccuracy,
  type Direction,
  type PredictionPair,
  predictionAccuracy,
  type SitePredictionAccuracy,
} from './predictions.ts';
export {
  crossingsMinimum,
  longestRunLimit,
  MIN_USEFUL_POINTS,
  type RunChartOptions,
  type RunChartResult,
  runChart,
} from './run-chart.ts';
export {
  type ApartDirection,
  analyseSitesApart,
  SITES_APART_ALPHA,
  SITES_APART_MIN_WEEKS,
  SITES_APART_WINDOW,
  type SiteApart,
  type SiteSeries,
  type SitesApartResult,
  type SitesDiffering,
  type SiteWindowFigure,
  sitesApart,
  type WeekFigure,
} from './sites-apart.ts';
export { mean, median, sampleStandardDeviation } from './summary-statistics.ts';
