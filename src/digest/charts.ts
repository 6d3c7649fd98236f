import type { RenderOptions, SiteChartInput } from '../chart/index.ts';
import { type ChartImage, chartAltText, type DigestAnalysis, type DigestData } from '../core/digest/index.ts';
import { slug } from '../core/slug.ts';

// The charts of a digest: the weekly values of a measure per site as small
// multiples (src/chart), one PNG per measure for the first three measures.

export type RenderChart = (input: SiteChartInput, options?: RenderOptions) => Promise<Uint8Array>;

export const MAX_CHARTS = 3;

/** src/chart pulls in resvg's native module; loading it only when a chart is drawn keeps the bot and the CLI quick to start. */
async function defaultRender(input: SiteChartInput): Promise<Uint8Array> {
  const { renderSiteChart } = await import('../chart/index.ts');
  return renderSiteChart(input);
}

export function chartFileName(data: DigestData, index: number): string {
  const suffix = index === 0 ? '' : `-${index + 1}`;
  return `digest-${slug(data.network.name)}-${data.week}${suffix}.png`;
}

export type DigestCharts = {
  images: ChartImage[];
  /** Charts that could not be drawn. The digest goes out without them rather than not at all. */
  failures: { measure: string; error: string }[];
};

export async function renderDigestCharts(
  data: DigestData,
  analysis: DigestAnalysis,
  render: RenderChart = defaultRender,
): Promise<DigestCharts> {
  const images: ChartImage[] = [];
  const failures: DigestCharts['failures'] = [];
  for (const [i, a] of analysis.measures.slice(0, MAX_CHARTS).entries()) {
    const input: SiteChartInput = a.chart;
    let png: Uint8Array;
    try {
      png = await render(input);
    } catch (error) {
      failures.push({ measure: a.measure.name, error: (error as Error).message ?? String(error) });
      continue;
    }
    images.push({
      measureId: a.measure.id,
      pngBase64: Buffer.from(png).toString('base64'),
      fileName: chartFileName(data, i),
      alt: chartAltText(a),
      title: a.chart.title,
    });
  }
  return { images, failures };
}
