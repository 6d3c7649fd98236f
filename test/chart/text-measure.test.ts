import { describe, expect, it } from 'vitest';
import { fitWidth, measureText, wrapText } from '../../src/chart/text-measure.ts';

describe('text measuring', () => {
  it('reads real advance widths from the bundled font', () => {
    // Vega's own guess without a canvas is 0.8 em a character; Inter is far narrower,
    // and a narrow letter is narrower than a wide one.
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
});
