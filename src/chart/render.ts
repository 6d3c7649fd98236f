import { renderAsync } from '@resvg/resvg-js';
import { drawChartSvg } from './draw-chart.ts';
import { bundledFontFiles } from './fonts.ts';
import { encodePng, type PngEffort } from './png.ts';
import { coversText } from './text-measure.ts';
import { FONT_FAMILY } from './theme.ts';
import type { RenderOptions, SiteChartInput } from './types.ts';

export const DEFAULT_WIDTH = 1200;

export function renderSiteChartSvg(input: SiteChartInput): string {
  return drawChartSvg(input);
}

export async function renderSiteChart(
  input: SiteChartInput,
  options: RenderOptions & { effort?: PngEffort } = {},
): Promise<Uint8Array> {
  const svg = drawChartSvg(input);
  const fontFiles = bundledFontFiles();
  // resvg draws in a worker thread, so the bot keeps answering meanwhile.
  const image = await renderAsync(svg, {
    fitTo: { mode: 'width', value: options.width ?? DEFAULT_WIDTH },
    font: {
      fontFiles,
      // System fonts are the fallback for glyphs Inter lacks (a school's name
      // in Chinese, say) and for hosts where the bundled package did not
      // install. Matching every text against them takes about as long as
      // drawing the chart, so they are loaded only when needed.
      loadSystemFonts: fontFiles.length === 0 || needsSystemFonts(input),
      defaultFontFamily: fontFiles.length > 0 ? FONT_FAMILY : 'DejaVu Sans',
    },
  });
  return encodePng(image.pixels, image.width, image.height, options.effort);
}

/** Whether the chart has words the bundled font cannot draw (its own fixed words it can: see the tests). */
export function needsSystemFonts(input: SiteChartInput): boolean {
  const words = [input.title, input.unit ?? '', input.period, input.panelsWords, ...input.weekLabels];
  return !coversText(words.join('') + input.sites.map((s) => s.site).join(''));
}
