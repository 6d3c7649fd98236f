import { writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderSiteChart, renderSiteChartSvg } from '../../src/chart/render.ts';
import type { SiteChartInput } from '../../src/chart/types.ts';
import { isoWeeks, sampleInput, site } from './sample.ts';

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

function pngSize(png: Uint8Array) {
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  // IHDR is always the first chunk: 8-byte signature, length, type, then width and height.
  expect(String.fromCharCode(...png.subarray(12, 16))).toBe('IHDR');
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

/** The words of each <text> element, lines of a wrapped one joined by spaces. */
function svgTexts(svg: string): string[] {
  return [...svg.matchAll(/<text[^>]*>(.*?)<\/text>/g)].map((m) =>
    (m[1] ?? '').replace(/<\/tspan><tspan[^>]*>/g, ' ').replace(/<[^>]+>/g, ''),
  );
}

function linePaths(svg: string): string[] {
  return [...svg.matchAll(/<g class="mark-line[^>]*><path [^>]*?\bd="([^"]*)"/g)].map((m) => m[1] ?? '');
}

describe('renderSiteChart', () => {
  it('returns a PNG of the requested width', async () => {
    const png = await renderSiteChart(sampleInput());
    expect([...png.subarray(0, 8)]).toEqual(PNG_SIGNATURE);
    expect(pngSize(png).width).toBe(1200);
    expect(pngSize(await renderSiteChart(sampleInput(), { width: 600 })).width).toBe(600);

    if (process.env.CHART_SAMPLE_PNG) writeFileSync(process.env.CHART_SAMPLE_PNG, png);
  });

  it('draws the titles and site names as text', async () => {
    const input = sampleInput();
    const texts = svgTexts(await renderSiteChartSvg(input));
    expect(texts).toContain('Attendance (proportion of students present), weekly');
    expect(texts).toContain('Lincoln Elementary');
    expect(texts).toContain('Oak Park');
    expect(texts).toContain('↓ below expected');
    expect(texts).toContain('W36');

    // Without a loaded font resvg silently draws no text, so these two would be
    // identical: same layout, only the letters differ.
    const named = (title: string, names: string[]): SiteChartInput => ({
      ...input,
      title,
      sites: names.map((n, i) => site(n, i, input.weeks.length)),
    });
    const a = await renderSiteChart(named('Attendance', ['Oak Park', 'Elm Row']));
    const b = await renderSiteChart(named('Punctuality', ['Ash Vale', 'Fir Hill']));
    const blank = await renderSiteChart(named('', ['', '']));
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(false);
    expect(Buffer.from(a).equals(Buffer.from(blank))).toBe(false);
  });

  it('breaks the line at missing weeks and survives sites with no data at all', async () => {
    const input = sampleInput();
    const weeks = input.weeks.length;
    input.sites.push({ site: 'Empty', values: Array(weeks).fill(null), centre: null, signals: [] });
    input.sites.push({
      site: 'Short',
      values: [0.9],
      centre: 0.9,
      signals: [
        { index: 5, kind: 'shift' }, // on a missing week
        { index: 99, kind: 'run' }, // past the end
      ],
    });
    const svg = await renderSiteChartSvg(input);
    const oakPark = linePaths(svg)[2] ?? '';
    // Oak Park misses weeks 5, 10 and 11: three separate stretches of line.
    expect(oakPark.match(/M/g)).toHaveLength(3);
    const png = await renderSiteChart(input);
    expect([...png.subarray(0, 8)]).toEqual(PNG_SIGNATURE);
  });

  it('renders a "no data" image for an empty network, or when every value is missing', async () => {
    const empty: SiteChartInput = { title: 'Attendance', better: 'higher', weeks: isoWeeks(1, 4), sites: [] };
    const svg = await renderSiteChartSvg(empty);
    expect(svg).toContain('No data for this period');
    expect(pngSize(await renderSiteChart(empty)).width).toBe(1200);

    const noWeeks = { ...empty, weeks: [], sites: [site('A', 1, 0)] };
    expect(await renderSiteChartSvg(noWeeks)).toContain('No data for this period');

    const allNull = {
      ...empty,
      sites: [{ site: 'A', values: [null, null, null, null], centre: null, signals: [] }],
    };
    const png = await renderSiteChart(allNull);
    expect([...png.subarray(0, 8)]).toEqual(PNG_SIGNATURE);
  });

  it('draws 24 panels and a note for a network of 100 sites', async () => {
    const weeks = isoWeeks(30, 20);
    const sites = Array.from({ length: 100 }, (_, i) => site(`Site ${i + 1}`, i, 20));
    const input: SiteChartInput = { title: 'Reading minutes', unit: 'min', better: 'higher', weeks, sites };
    const svg = await renderSiteChartSvg(input);
    expect(svg).toContain('76 more sites not drawn');
    expect(linePaths(svg)).toHaveLength(24);
    expect(svgTexts(svg)).toContain('Site 24');
    expect(svgTexts(svg)).not.toContain('Site 25');
    const png = await renderSiteChart(input);
    expect(pngSize(png).width).toBe(1200);
  });
});
