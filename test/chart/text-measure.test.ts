import { describe, expect, it } from 'vitest';
import { LEGEND_KEYS, legendLabel } from '../../src/chart/legend.ts';
import { panelNote } from '../../src/chart/panel.ts';
import { facesFor, fitWidth, measureText, wrapText } from '../../src/chart/text-measure.ts';
import { site } from './sample.ts';

describe('text measuring', () => {
  it('reads real advance widths from the bundled font', () => {
    // Inter is far narrower than a rough 0.8 em a character, and a narrow
    // letter is narrower than a wide one.
    expect(measureText('Lincoln Elementary', 20)).toBeLessThan(0.65 * 18 * 20);
    expect(measureText('iiii', 20)).toBeLessThan(measureText('MMMM', 20));
    expect(measureText('Oak Park', 20, true)).toBeGreaterThan(measureText('Oak Park', 20));
  });

  it('wraps at word boundaries and cuts what does not fit in the last line', () => {
    const lines = wrapText('Washington High School and Community Learning Center', 200, 20, true, 2);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toBe(lines[0]?.trim());
    expect(lines[1]).toMatch(/…$/);
    for (const line of lines) expect(measureText(line, 20, true)).toBeLessThanOrEqual(200);
  });

  it('leaves short text alone and cuts a single overlong word', () => {
    expect(wrapText('Oak Park', 200, 20, true, 2)).toEqual(['Oak Park']);
    const cut = fitWidth('Supercalifragilisticexpialidocious', 100, 20, false);
    expect(cut).toMatch(/…$/);
    expect(measureText(cut, 20)).toBeLessThanOrEqual(100);
  });

  it('has a glyph in the Latin subset for every word the chart itself writes', () => {
    const everything = site('A', 1, 4, {
      flag: 'above',
      outside: [1],
      stretches: [{ kind: 'trend', start: 0, end: 3, direction: 'up' }],
    });
    const own = [
      ...LEGEND_KEYS.map(legendLabel),
      ...(['above', 'below'] as const).flatMap((side) => [
        panelNote({ ...everything, flag: side, apart: null }),
        panelNote({ ...everything, flag: null, apart: side }),
        panelNote({ ...everything, flag: side, apart: side }),
        panelNote({ ...everything, flag: null, apart: null, changed: side }),
      ]),
      '…0123456789%,.–',
    ];
    for (const words of own) expect(facesFor(words ?? ''), words).toBe('latin');
    expect(facesFor('北京')).toBe('none');
  });
});
