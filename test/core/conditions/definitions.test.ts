import { describe, expect, it } from 'vitest';
import { parseDefinitions, parseValueList } from '../../../src/core/conditions/definitions.ts';

describe('parseDefinitions', () => {
  it('reads conditions with their values, separated by semicolons or lines', () => {
    expect(parseDefinitions('level: elementary, middle, high; locale: urban, rural , island')).toEqual({
      ok: true,
      definitions: [
        { name: 'level', values: ['elementary', 'middle', 'high'] },
        { name: 'locale', values: ['urban', 'rural', 'island'] },
      ],
    });
    expect(parseDefinitions('size band:  small,large\nlocale')).toEqual({
      ok: true,
      definitions: [
        { name: 'size band', values: ['small', 'large'] },
        { name: 'locale', values: [] },
      ],
    });
  });

  it('reads names alone, as in `network conditions level, locale`', () => {
    expect(parseDefinitions('level, locale')).toEqual({
      ok: true,
      definitions: [
        { name: 'level', values: [] },
        { name: 'locale', values: [] },
      ],
    });
  });

  it('keeps a repeated value once, and refuses a condition named twice or values without a name', () => {
    expect(parseDefinitions('level: middle, Middle, middle ')).toEqual({
      ok: true,
      definitions: [{ name: 'level', values: ['middle'] }],
    });
    expect(parseDefinitions('level: a; Level: b')).toEqual({
      ok: false,
      error: '"Level" is named twice. Give each condition once, with all its values.',
    });
    expect(parseDefinitions(': a, b').ok).toBe(false);
    expect(parseDefinitions(' ; ').ok).toBe(false);
  });
});

describe('parseValueList', () => {
  it('splits on commas, tidies spaces and drops repeats and blanks', () => {
    expect(parseValueList(' k-8 ,  middle   school,,K-8')).toEqual(['k-8', 'middle school']);
  });
});
