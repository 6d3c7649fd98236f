import { writeFileSync } from 'node:fs';
import { Resvg } from '@resvg/resvg-js';
import { describe, expect, it } from 'vitest';
import { bundledFonts, fontFiles, latinFonts } from '../../src/chart/fonts.ts';
import { chartText, renderSiteChart, renderSiteChartSvg } from '../../src/chart/render.ts';
import { facesFor } from '../../src/chart/text-measure.ts';
import { inkedShare } from './png-decode.ts';
import { chartInput, isoWeeks, sampleInput, site } from './sample.ts';

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

function pngSize(png: Uint8Array) {
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  // IHDR is always the first chunk: 8-byte signature, length, type, then width and height.
  expect(String.fromCharCode(...png.subarray(12, 16))).toBe('IHDR');
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

describe('renderSiteChart', () => {
  it('returns a PNG of the requested width', async () => {
    const png = await renderSiteChart(sampleInput());
    expect([...png.subarray(0, 8)]).toEqual(PNG_SIGNATURE);
    expect(pngSize(png).width).toBe(1200);
    expect(pngSize(await renderSiteChart(sampleInput(), { width: 600 })).width).toBe(600);

    if (process.env.CHART_SAMPLE_PNG) writeFileSync(process.env.CHART_SAMPLE_PNG, png);
  });

  it('draws its words with the bundled font, with no system font needed', async () => {
    // Without a loaded font resvg silently draws no text, so these would be
    // identical: same layout, only the letters differ.
    const weeks = isoWeeks(30, 8);
    const named = (title: string, names: string[]) =>
      chartInput(
        names.map((n, i) => site(n, i, weeks.length)),
        weeks,
        { title },
      );
    const a = await renderSiteChart(named('Attendance', ['Oak Park', 'Elm Row']));
    const b = await renderSiteChart(named('Punctuality', ['Ash Vale', 'Fir Hill']));
    const blank = await renderSiteChart(named('', ['', '']));
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(false);
    expect(inkedShare(a)).toBeGreaterThan(inkedShare(blank));
  });

  it('draws with the Latin subset of Inter, the whole font for other letters, system fonts only beyond it', () => {
    const weeks = isoWeeks(30, 8);
    const faces = (...names: string[]) =>
      facesFor(
        chartText(
          chartInput(
            names.map((n, i) => site(n, i, 8)),
            weeks,
          ),
        ),
      );
    expect(facesFor(chartText(sampleInput()))).toBe('latin');
    expect(faces('École Saint-Exupéry', 'Łódź Primary')).toBe('latin');
    expect(faces('Γυμνάσιο Αθηνών', 'Oak Park')).toBe('full');
    expect(faces('北京第一小学', 'Oak Park')).toBe('none');
    expect(faces('Oak Park 🌳')).toBe('none');
  });

  it('draws Latin text with the subset exactly as with the whole font', () => {
    const svg = renderSiteChartSvg(sampleInput());
    const draw = (files: string[]) =>
      new Resvg(svg, {
        font: { fontFiles: files, loadSystemFonts: false, defaultFontFamily: 'Inter' },
      }).render().pixels;
    const subset = draw(fontFiles(latinFonts()));
    const full = draw(fontFiles(bundledFonts()));
    expect(fontFiles(latinFonts())).toHaveLength(2);
    expect(Buffer.from(subset).equals(Buffer.from(full))).toBe(true);
  });

  it('survives sites with no data at all', async () => {
    const input = sampleInput();
    input.sites.push(site('Empty', 0, 14, { values: Array(14).fill(null) }));
    const png = await renderSiteChart(input);
    expect([...png.subarray(0, 8)]).toEqual(PNG_SIGNATURE);
  });

  it('renders a "no data" image for a network without figures', async () => {
    const png = await renderSiteChart(chartInput([], isoWeeks(1, 4)));
    expect(pngSize(png).width).toBe(1200);
  });

  it('draws 24 panels of a year of weeks', async () => {
    const weeks = isoWeeks(1, 52);
    const sites = Array.from({ length: 24 }, (_, i) => site(`Site ${i + 1}`, i, 52));
    const png = await renderSiteChart(chartInput(sites, weeks));
    const { width, height } = pngSize(png);
    expect(width).toBe(1200);
    // Eight rows of three: a tall picture, but one a phone scrolls through.
    expect(height).toBeGreaterThan(2000);
    expect(height).toBeLessThan(3600);
  });
});
