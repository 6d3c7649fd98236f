import { compile } from 'vega-lite';
import { describe, expect, it } from 'vitest';
import { buildSiteChartSpec } from '../../src/chart/spec.ts';
import { SIGNAL_STYLE } from '../../src/chart/theme.ts';
import { isoWeeks, sampleInput, site } from './sample.ts';

type Layer = {
  name?: string;
  data?: { values: Record<string, unknown>[] };
  mark: { type: string; text?: string[]; strokeDash?: number[] };
  encoding?: Record<string, { axis?: Record<string, unknown>; legend?: { values?: string[] } }>;
};
type Panel = { layer: Layer[]; view?: { stroke?: string } };
type Spec = { concat: Panel[]; title: { subtitle: string[] }; columns: number };

const asSpec = (s: unknown) => s as Spec;
const panelNames = (spec: Spec) =>
  spec.concat.map((p) => p.layer.find((l) => l.name === 'panel-name')?.mark.text?.join(' '));

describe('buildSiteChartSpec', () => {
  it('draws one panel per site, in the given order, titled with the site name', () => {
    const input = sampleInput();
    const spec = asSpec(buildSiteChartSpec(input));
    expect(spec.concat).toHaveLength(6);
    const names = panelNames(spec);
    expect(names[0]).toBe('Lincoln Elementary');
    expect(names[1]).toBe('Roosevelt Middle School');
    // A name too long for two lines is cut, not allowed to widen its column.
    expect(names[3]).toMatch(/^Washington High School.*…$/);
    expect(() => compile(buildSiteChartSpec(input))).not.toThrow();
  });

  it('draws each site median as a dashed rule', () => {
    const input = sampleInput();
    const spec = asSpec(buildSiteChartSpec(input));
    spec.concat.forEach((panel, i) => {
      const rule = panel.layer.find((l) => l.mark.type === 'rule');
      expect(rule?.mark.strokeDash?.length).toBeGreaterThan(0);
      expect(rule?.data?.values).toEqual([{ value: input.sites[i]?.centre }]);
    });
  });

  it('marks signal points with a colour and shape per kind, and a legend of the kinds present', () => {
    const spec = asSpec(buildSiteChartSpec(sampleInput()));
    const roosevelt = spec.concat[1]!.layer.find((l) => l.mark.type === 'point');
    expect(roosevelt?.data?.values).toHaveLength(6);
    expect(roosevelt?.data?.values.every((r) => r.signal === SIGNAL_STYLE.shift.label)).toBe(true);
    expect(roosevelt?.encoding?.color).toBeDefined();
    expect(roosevelt?.encoding?.shape).toBeDefined();
    expect(roosevelt?.encoding?.color?.legend?.values).toEqual(['Outside limits', 'Shift', 'Trend', 'Runs']);
    // No signals, no symbol layer.
    expect(spec.concat[0]!.layer.some((l) => l.mark.type === 'point')).toBe(false);
  });

  it('marks one symbol per point when signals overlap, the rarest kind winning', () => {
    const input = sampleInput();
    input.sites = [
      site('A', 1, 14, {
        signals: [
          { index: 2, kind: 'trend' },
          { index: 2, kind: 'outside' },
          { index: 2, kind: 'run' },
        ],
      }),
    ];
    const layer = asSpec(buildSiteChartSpec(input)).concat[0]!.layer.find((l) => l.mark.type === 'point');
    expect(layer?.data?.values).toEqual([expect.objectContaining({ signal: 'Outside limits' })]);
    // The legend lists only what is drawn.
    expect(layer?.encoding?.color?.legend?.values).toEqual(['Outside limits']);
  });

  it('shows a percent axis when values are proportions', () => {
    const percent = asSpec(buildSiteChartSpec(sampleInput()));
    const y = percent.concat[0]!.layer.find((l) => l.mark.type === 'line')?.encoding?.y?.axis;
    expect(String(y?.format)).toMatch(/%$/);

    const plain = asSpec(buildSiteChartSpec({ ...sampleInput(), percent: false, unit: 'min' }));
    const yPlain = plain.concat[0]!.layer.find((l) => l.mark.type === 'line')?.encoding?.y?.axis;
    expect(String(yPlain?.format)).not.toMatch(/%/);
    expect(plain.title.subtitle[0]).toContain('Values in min');
  });

  it('keeps missing weeks as nulls so the line breaks there', () => {
    const spec = asSpec(buildSiteChartSpec(sampleInput()));
    const oak = spec.concat[2]!.layer.find((l) => l.mark.type === 'line');
    const values = oak?.data?.values.map((r) => r.value);
    expect(values).toHaveLength(14);
    expect(values?.[4]).toBeNull();
    expect(values?.[9]).toBeNull();
  });

  it('frames flagged panels and says which way they differ', () => {
    const spec = asSpec(buildSiteChartSpec(sampleInput()));
    const flagOf = (p: Panel) => p.layer.find((l) => l.name === 'panel-flag')?.mark.text?.[0];
    expect(flagOf(spec.concat[1]!)).toBe('↓ below expected');
    expect(flagOf(spec.concat[3]!)).toBe('↑ above expected');
    expect(flagOf(spec.concat[0]!)).toBeUndefined();
    expect(spec.concat[1]!.view?.stroke).toBeDefined();
    expect(spec.concat[0]!.view).toBeUndefined();
  });

  it('caps 100 sites at 24 panels and says how many are not drawn', () => {
    const weeks = isoWeeks(30, 10);
    const sites = Array.from({ length: 100 }, (_, i) =>
      site(`Site ${i + 1}`, i, 10, i === 60 || i === 99 ? { flag: 'above' } : {}),
    );
    const spec = asSpec(buildSiteChartSpec({ title: 'T', better: 'lower', weeks, sites }));
    expect(spec.concat).toHaveLength(24);
    expect(spec.title.subtitle.join(' ')).toContain('76 more sites not drawn');
    const names = panelNames(spec);
    // Flagged sites take their panels; the rest fill up in order; the order stays as given.
    expect(names.slice(0, 22)).toEqual(Array.from({ length: 22 }, (_, i) => `Site ${i + 1}`));
    expect(names.slice(22)).toEqual(['Site 61', 'Site 100']);
  });

  it('says nothing about hidden sites when all fit', () => {
    const spec = asSpec(buildSiteChartSpec(sampleInput()));
    expect(spec.title.subtitle.join(' ')).not.toContain('not drawn');
  });
});
