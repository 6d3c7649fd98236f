import { describe, expect, it } from 'vitest';
import { drawChartSvg } from '../../src/chart/draw-chart.ts';
import { chartInput, isoWeeks, sampleInput, site } from './sample.ts';

type Panel = { site: string; body: string };

function panels(svg: string): Panel[] {
  return [...svg.matchAll(/<g class="panel" data-site="([^"]*)">(.*?)<\/g>/g)].map((m) => ({
    site: m[1] ?? '',
    body: m[2] ?? '',
  }));
}

/** The words of each <text> element of a class, in document order. */
function texts(svg: string, className?: string): string[] {
  const pattern = className
    ? new RegExp(`<text class="${className}"[^>]*>(.*?)</text>`, 'g')
    : /<text[^>]*>(.*?)<\/text>/g;
  return [...svg.matchAll(pattern)].map((m) =>
    (m[1] ?? '').replace(/&#(\d+);/g, (_, code) => String.fromCharCode(Number(code))),
  );
}

/** Where in a panel an element of this class starts: drawing order is document order. */
const at = (body: string, className: string) => body.indexOf(`class="${className}`);

describe('the digest chart as SVG', () => {
  it('draws one panel per site, in the order it is given, each titled with the site name', () => {
    const svg = drawChartSvg(sampleInput());
    expect(panels(svg).map((p) => p.site)).toEqual([
      'Lincoln Elementary',
      'Roosevelt Middle School',
      'Oak Park',
      'Washington High School and Community Learning Center',
      'Jefferson Academy',
      'Cedar Grove',
    ]);
    const names = panels(svg).map((p) => texts(p.body, 'name').join(' '));
    expect(names[0]).toBe('Lincoln Elementary');
    // A name too long for two lines is cut, not allowed to widen its column.
    expect(names[3]).toMatch(/^Washington High School.*…$/);
  });

  it('puts dates under each plot, not ISO weeks', () => {
    const svg = drawChartSvg(sampleInput());
    const first = panels(svg)[0]!;
    const dates = texts(first.body, 'x-label');
    // 2026-W36 starts on Monday 31 August, W49 on 30 November.
    expect(dates[0]).toBe('Aug 31');
    expect(dates.at(-1)).toBe('Nov 30');
    expect(svg).not.toMatch(/W\d\d?\b/);
    expect(texts(svg, 'subtitle').join(' ')).toContain('Aug 31 to Nov 30, 2026.');
  });

  it('draws a shift as a band behind the line, so the line it marks stays in sight', () => {
    const roosevelt = panels(drawChartSvg(sampleInput()))[1]!;
    expect(at(roosevelt.body, 'band shift')).toBeGreaterThan(-1);
    expect(at(roosevelt.body, 'band shift')).toBeLessThan(at(roosevelt.body, 'series'));
    expect(at(roosevelt.body, 'band shift')).toBeLessThan(at(roosevelt.body, 'points'));
    expect(roosevelt.body).toMatch(/class="band shift"[^>]*fill-opacity="0\.\d+"/);
  });

  it('draws a trend as a highlighter along the line itself, under it', () => {
    const washington = panels(drawChartSvg(sampleInput()))[3]!;
    const trend = /<path class="trend" d="([^"]*)"/.exec(washington.body)?.[1] ?? '';
    // Six weeks, one vertex each, rising: each y (down the page) above the last.
    const ys = [...trend.matchAll(/[ML][\d.]+ ([\d.]+)/g)].map((m) => Number(m[1]));
    expect(ys).toHaveLength(6);
    expect(ys.at(-1)!).toBeLessThan(ys[0]! - 10);
    expect(at(washington.body, 'trend')).toBeLessThan(at(washington.body, 'series'));
  });

  it('rings a week outside the site’s own limits without covering its point', () => {
    const jefferson = panels(drawChartSvg(sampleInput()))[4]!;
    expect(jefferson.body).toMatch(/<circle class="outside"[^>]*fill="none"/);
  });

  it('outlines the sites the digest names and says why, and only those', () => {
    const svg = drawChartSvg(sampleInput());
    const named = panels(svg).filter((p) => p.body.includes('class="frame"'));
    expect(named.map((p) => p.site)).toEqual([
      'Roosevelt Middle School',
      'Washington High School and Community Learning Center',
      'Cedar Grove',
    ]);
    const notes = Object.fromEntries(panels(svg).map((p) => [p.site, texts(p.body, 'note').join(' ')]));
    expect(notes['Roosevelt Middle School']).toBe('↓ Below expected this week');
    expect(notes['Washington High School and Community Learning Center']).toBe('↑ Above expected this week');
    expect(notes['Cedar Grove']).toBe('↓ Apart in recent weeks');
    expect(notes['Lincoln Elementary']).toBe('');
  });

  it('outlines a site the digest names for a change in its own weekly series', () => {
    const input = sampleInput();
    const sites = input.sites.map((s) =>
      s.site === 'Lincoln Elementary' ? { ...s, changed: 'above' as const } : s,
    );
    const lincoln = panels(drawChartSvg({ ...input, sites })).find((p) => p.site === 'Lincoln Elementary')!;
    expect(lincoln.body).toContain('class="frame"');
    expect(texts(lincoln.body, 'note').join(' ')).toBe('↑ Changed over the weeks');
  });

  it('lists in its legend only the marks it draws', () => {
    expect(texts(drawChartSvg(sampleInput()), 'legend')).toEqual([
      'The site’s median',
      'Named in the digest',
      'Weeks on one side of the median',
      'Steady rise or fall',
      'Outside the site’s own limits',
    ]);
    const plain = chartInput([site('A', 1, 10), site('B', 2, 10)], isoWeeks(30, 10));
    expect(texts(drawChartSvg(plain), 'legend')).toEqual(['The site’s median']);
  });

  it('labels the value axis once, on the first column, as percents for proportions', () => {
    const svg = drawChartSvg(sampleInput());
    const labelled = panels(svg).filter((p) => p.body.includes('class="y-label"'));
    expect(labelled.map((p) => p.site)).toEqual([
      'Lincoln Elementary',
      'Washington High School and Community Learning Center',
    ]);
    for (const label of texts(svg, 'y-label')) expect(label).toMatch(/^\d+%$/);

    const minutes = chartInput(
      [site('A', 1, 10, { values: [12, 14, 13, 15, 12, 16, 14, 13, 15, 14] })],
      isoWeeks(30, 10),
      {
        percent: false,
        unit: 'min',
      },
    );
    const svgMinutes = drawChartSvg(minutes);
    for (const label of texts(svgMinutes, 'y-label')) expect(label).toMatch(/^\d+$/);
    expect(texts(svgMinutes, 'subtitle').join(' ')).toContain('Values in min.');
  });

  it('breaks the line at missing weeks and dots a week that stands alone', () => {
    const input = sampleInput();
    input.sites = [
      site('Gappy', 1, 14, {
        values: [0.8, 0.82, null, 0.85, null, 0.8, 0.81, 0.83, 0.8, 0.79, 0.8, 0.82, 0.81, 0.8],
      }),
    ];
    const gappy = panels(drawChartSvg(input))[0]!;
    const line = /<path class="series" d="([^"]*)"/.exec(gappy.body)?.[1] ?? '';
    expect(line.match(/M/g)).toHaveLength(3);
    const dots = /<path class="points" d="([^"]*)"/.exec(gappy.body)?.[1] ?? '';
    expect(dots.match(/M/g)).toHaveLength(12);
  });

  it('leaves out the dots of a long series but keeps one on a week with no neighbour', () => {
    const values: (number | null)[] = Array.from({ length: 52 }, (_, i) => 0.7 + (i % 5) * 0.01);
    values[20] = null;
    values[22] = null;
    // Three panels a row: a year of weeks about 4 units apart.
    const input = chartInput(
      [site('Year', 1, 52, { values }), site('B', 2, 52), site('C', 3, 52)],
      isoWeeks(1, 52),
    );
    const year = panels(drawChartSvg(input))[0]!;
    const dots = /<path class="points" d="([^"]*)"/.exec(year.body)?.[1] ?? '';
    expect(dots.match(/M/g)).toHaveLength(1);
  });

  it('escapes names that look like markup', () => {
    const input = chartInput([site('Smith & <Jones>', 1, 6)], isoWeeks(30, 6));
    const svg = drawChartSvg(input);
    expect(svg).toContain('Smith &#38; &#60;Jones&#62;');
    expect(svg).not.toContain('<Jones>');
  });

  it('says which panels a large network gets', () => {
    const input = sampleInput();
    input.panelsWords =
      '24 of 100 sites, from smallest to largest: 2 named in the digest and 22 others spread across the network.';
    expect(texts(drawChartSvg(input), 'subtitle').join(' ')).toContain(
      '24 of 100 sites, from smallest to largest',
    );
  });

  it('draws a "no data" chart for a network without figures', () => {
    expect(drawChartSvg(chartInput([], isoWeeks(1, 4)))).toContain('No data for this period');
    expect(drawChartSvg(chartInput([site('A', 1, 0)], []))).toContain('No data for this period');
  });
});
