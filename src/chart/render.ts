import { renderAsync } from '@resvg/resvg-js';
import { drawChartSvg } from './draw-chart.ts';
import { bundledFonts, fontFiles, latinFonts } from './fonts.ts';
import { encodePng, type PngEffort } from './png.ts';
import { facesFor } from './text-measure.ts';
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
  const faces = facesFor(chartText(input));
  const files = fontFiles(faces === 'latin' ? latinFonts() : bundledFonts());
  // resvg draws in a worker thread, so the bot keeps answering meanwhile.
  const image = await renderAsync(svg, {
    fitTo: { mode: 'width', value: options.width ?? DEFAULT_WIDTH },
    font: {
      fontFiles: files,
      // System fonts are the fallback for letters Inter lacks (a school's
      // name in Chinese, say) and for hosts where the bundled fonts are
      // missing. Matching every text against them takes about as long as
      // drawing the chart, so they are loaded only then.
      loadSystemFonts: faces === 'none' || files.length === 0,
      defaultFontFamily: files.length > 0 ? FONT_FAMILY : 'DejaVu Sans',
    },
  });
  return encodePng(image.pixels, image.width, image.height, options.effort);
}

/** Every word the chart draws that comes from its input; its own words are in the Latin subset (see the tests). */
export function chartText(input: SiteChartInput): string {
  const words = [input.title, input.unit ?? '', input.period, input.panelsWords, ...input.weekLabels];
  return words.join('') + input.sites.map((s) => s.site).join('');
}
