import { Resvg } from '@resvg/resvg-js';
import { parse, View } from 'vega';
import { compile } from 'vega-lite';
import { bundledFontFiles } from './fonts.ts';
import { buildSiteChartSpec } from './spec.ts';
import { useFontMetricsInVega } from './text-measure.ts';
import { FONT_FAMILY } from './theme.ts';
import type { RenderOptions, SiteChartInput } from './types.ts';

export const DEFAULT_WIDTH = 1200;

export async function renderSiteChartSvg(input: SiteChartInput): Promise<string> {
  useFontMetricsInVega();
  const { spec } = compile(buildSiteChartSpec(input));
  // renderer 'none' needs no canvas or DOM; toSVG builds its own scenegraph.
  const view = new View(parse(spec), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

export async function renderSiteChart(
  input: SiteChartInput,
  options: RenderOptions = {},
): Promise<Uint8Array> {
  const svg = await renderSiteChartSvg(input);
  const fontFiles = bundledFontFiles();
  const resvg = new Resvg(svg, {
    fitTo: { mode: 'width', value: options.width ?? DEFAULT_WIDTH },
    font: {
      fontFiles,
      // System fonts are the fallback for glyphs Inter lacks and for hosts
      // where the bundled package did not install.
      loadSystemFonts: true,
      defaultFontFamily: fontFiles.length > 0 ? FONT_FAMILY : 'DejaVu Sans',
    },
  });
  return new Uint8Array(resvg.render().asPng());
}
