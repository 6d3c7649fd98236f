import { describe, expect, it } from 'vitest';
import { analyseDigest, buildChartInput, chartAltText } from '../../../src/core/digest/index.ts';
import { networkFixture } from './network-fixture.ts';

describe('the chart’s alt text', () => {
  const a = analyseDigest(networkFixture()).measures[0]!;

  it('says what the chart shows, over which dates and in which order, with no ISO weeks', () => {
    const alt = chartAltText(a);
    expect(alt).toMatch(
      /^Small multiples of Students on time, one panel per site, weekly from Jul 6 to Nov 16, 2026; higher is better\. The dashed line is each site’s median\. Sites from smallest to largest\./,
    );
    expect(alt).not.toMatch(/W\d/);
  });

  it('names the outlined sites and what each panel marks', () => {
    const alt = chartAltText(a);
    expect(alt).toContain('Outlined as above the expected range this week: Washington.');
    // The sites the digest's first message names for a change in their own series.
    expect(alt).toContain('Outlined as changed over the weeks: Brook and Cedar.');
    expect(alt).toContain('Brook (below its median Aug 17 to Sep 21, above its median Sep 28 to Nov 16)');
    expect(alt).toContain('Washington (outside its own limits in the week of Nov 16)');
    expect(alt).not.toMatch(/Lincoln \(/);
  });

  it('names the sites outlined as apart over recent weeks', () => {
    const chart = buildChartInput(a.measure, a.weeks, a.sites, [{ site: 'Elm', apart: 'below' }]);
    expect(chartAltText({ ...a, chart })).toContain(
      'Outlined as apart from the others over recent weeks, lower: Elm.',
    );
  });
});
