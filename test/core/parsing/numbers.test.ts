import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { MeasureKind } from '../../../src/core/domain.ts';
import {
  describeAcceptedForms,
  formatMeasureNumber,
  parseMeasureNumber,
  parseNumberWord,
} from '../../../src/core/parsing/numbers.ts';

const KINDS: MeasureKind[] = ['proportion', 'count', 'value'];

type Reading = {
  value: number;
  numerator?: number;
  denominator?: number;
  approximate?: boolean;
  normalized: string;
};

function reads(text: string, kind: MeasureKind): Reading {
  const result = parseMeasureNumber(text, kind);
  if (!result.ok) throw new Error(`expected ${JSON.stringify(text)} to read as a ${kind}: ${result.error}`);
  const { ok: _ok, ...reading } = result;
  return reading;
}

function refuses(text: string, kind: MeasureKind): string {
  const result = parseMeasureNumber(text, kind);
  if (result.ok)
    throw new Error(`expected ${JSON.stringify(text)} to be refused as a ${kind}, got ${result.normalized}`);
  return result.error;
}

describe('parseMeasureNumber for a proportion', () => {
  it.each([
    ['12/30', 0.4, 12, 30, '12/30'],
    ['12 / 30', 0.4, 12, 30, '12/30'],
    ['12 of 30', 0.4, 12, 30, '12/30'],
    ['12 out of 30', 0.4, 12, 30, '12/30'],
    ['12 OUT OF 30', 0.4, 12, 30, '12/30'],
    ['12 per 30', 0.4, 12, 30, '12/30'],
    ['1 in 5', 0.2, 1, 5, '1/5'],
    ['12/30 students', 0.4, 12, 30, '12/30'],
    ['12 of 30 students attended.', 0.4, 12, 30, '12/30'],
    ['12/30 (40%)', 0.4, 12, 30, '12/30'],
    ['0/30', 0, 0, 30, '0/30'],
    ['30/30', 1, 30, 30, '30/30'],
    ['none of 30', 0, 0, 30, '0/30'],
    ['twelve of twenty', 0.6, 12, 20, '12/20'],
    ['½', 0.5, 1, 2, '1/2'],
    ['12.0/30', 0.4, 12, 30, '12/30'],
  ])('reads %j as a ratio', (text, value, numerator, denominator, normalized) => {
    expect(reads(text, 'proportion')).toEqual({
      value,
      numerator,
      denominator,
      approximate: false,
      normalized,
    });
  });

  it.each([
    ['40%', 0.4, '40%'],
    ['40 %', 0.4, '40%'],
    ['40 percent', 0.4, '40%'],
    ['40 per cent', 0.4, '40%'],
    ['40pct', 0.4, '40%'],
    ['33.3%', 0.333, '33.3%'],
    ['0%', 0, '0%'],
    ['100%', 1, '100%'],
    ['40% of students', 0.4, '40%'],
    ['0.4', 0.4, '0.4'],
    ['.4', 0.4, '0.4'],
    ['0.40', 0.4, '0.4'],
    ['1', 1, '1'],
    ['0', 0, '0'],
    ['  0.4!  ', 0.4, '0.4'],
  ])('reads %j as a share', (text, value, normalized) => {
    expect(reads(text, 'proportion')).toEqual({ value, approximate: false, normalized });
  });

  it.each([
    ['about 40%', '~40%'],
    ['~12/30', '~12/30'],
    ['roughly 0.4', '~0.4'],
    ['40%ish', '~40%'],
    ['approx. 12 of 30', '~12/30'],
  ])('marks %j approximate', (text, normalized) => {
    expect(reads(text, 'proportion')).toMatchObject({ approximate: true, normalized });
  });

  it.each([
    ['12', /more than 1.*12\/30.*12%/],
    ['about 7', /7\/30.*7%/],
    ['7 students', /7\/30/],
    ['3.5', /3\.5%/],
    ['1,234', /1234\/10000/],
    ['35/30', /the first number \(35\) can't be larger than the second \(30\)/],
    ['12/0', /out of 0.*12\/30/],
    ['12.5/30', /whole numbers/],
    ['-0.4', /negative/],
    ['140%', /0% to 100%/],
    ['-5%', /0% to 100%/],
    ['twelve-ish', /more than 1/],
    ['twelvish', /couldn't read "twelvish" as a proportion\. Try 12\/30, 12 of 30 or 40%\./],
    ['', /Please type a number for a proportion/],
    ['12/', /couldn't read/],
    ['/30', /couldn't read/],
  ])('refuses %j with a way out', (text, message) => {
    expect(refuses(text, 'proportion')).toMatch(message);
  });
});

describe('a part larger than its whole', () => {
  it.each([
    ['999 of 30', '999', '30'],
    ['35/30', '35', '30'],
    ['31 out of 30', '31', '30'],
  ])('refuses %j saying the first number cannot exceed the second, without swapping them', (text, n, d) => {
    const error = refuses(text, 'proportion');
    expect(error).toContain(`the first number (${n}) can't be larger than the second (${d})`);
    expect(error).not.toContain(`${d}/${n}`);
  });
});

describe('a number inside a sentence', () => {
  it.each([
    ['I think around 70 percent', 'proportion', '~70%'],
    ['I think 70%', 'proportion', '70%'],
    ['I predict 18/24', 'proportion', '18/24'],
    ['We got 12 of 30 students in on time', 'proportion', '12/30'],
    ['my guess: about 20 of 24', 'proportion', '~20/24'],
    ['probably 7 referrals', 'count', '7'],
    ['I expect roughly 3.5 minutes', 'value', '~3.5'],
  ] as const)('reads %j for its number', (text, kind, normalized) => {
    expect(reads(text, kind).normalized).toBe(normalized);
  });

  it.each([
    ['less than 70 percent', 'proportion', '70%'],
    ['not 12/30', 'proportion', '12/30'],
    ['at least 12 of 30', 'proportion', '12/30'],
    ['more than 7', 'count', '7'],
    ['7 or more', 'count', '7'],
    ['under 5 minutes', 'value', '5'],
    ['I think fewer than about 20%', 'proportion', '~20%'],
  ] as const)(
    'refuses %j, which is not one number, quoting the number back as a suggestion',
    (text, kind, n) => {
      const error = refuses(text, kind);
      expect(error).toContain(`If you mean ${n}, type ${n}.`);
      expect(error).toContain(`"${text}"`);
    },
  );

  it('still refuses a sentence with two numbers', () => {
    expect(refuses('I think 12 of 30, maybe 15', 'proportion')).toMatch(/more than one number/);
  });
});

describe('parseMeasureNumber for a count', () => {
  it.each([
    ['7', 7, '7'],
    ['7 students', 7, '7'],
    ['7 students.', 7, '7'],
    ['+7', 7, '7'],
    ['0', 0, '0'],
    ['none', 0, '0'],
    ['seven', 7, '7'],
    ['Twenty', 20, '20'],
    ['1,234', 1234, '1234'],
    ['12,345,678', 12345678, '12345678'],
    ['3 per week', 3, '3'],
    ['12 of them', 12, '12'],
    ['７', 7, '7'],
  ])('reads %j', (text, value, normalized) => {
    expect(reads(text, 'count')).toEqual({ value, approximate: false, normalized });
  });

  it.each([
    ['about 7', '~7'],
    ['~7', '~7'],
    ['~ 7', '~7'],
    ['≈7', '~7'],
    ['approx. 7', '~7'],
    ['approx 7', '~7'],
    ['approximately 7', '~7'],
    ['around 7', '~7'],
    ['roughly 7', '~7'],
    ['circa 7', '~7'],
    ['7ish', '~7'],
    ['7-ish', '~7'],
    ['7 or so', '~7'],
    ['about 7 students or so', '~7'],
    ['twelve-ish', '~12'],
  ])('reads %j as approximate', (text, normalized) => {
    expect(reads(text, 'count')).toMatchObject({ approximate: true, normalized });
  });

  it.each([
    ['12 per 30', 0.4, 12, 30],
    ['12/30', 0.4, 12, 30],
    ['45 per 30', 1.5, 45, 30],
  ])(
    'reads %j as a rate, whose numerator may pass its denominator',
    (text, value, numerator, denominator) => {
      expect(reads(text, 'count')).toEqual({
        value,
        numerator,
        denominator,
        approximate: false,
        normalized: `${numerator} per ${denominator}`,
      });
    },
  );

  it.each([
    ['3.5', /whole number/],
    ['-2', /can't be negative/],
    ['40%', /can't be a percentage/],
    ['12 per 0', /out of 0/],
    ['12.5 per 30', /whole numbers/],
    ['7 or 8', /more than one number/],
    ['7-8', /more than one number/],
    ['7 students in 2 classes', /more than one number/],
    ['3,5', /comma.*3\.5.*1,234.*3\/5/],
    ['12,30', /comma/],
    ['0,400', /comma/],
    ['1,23,456', /comma/],
    ['1.234,5', /comma/],
    ['1.2.3', /couldn't read "1\.2\.3" as a count/],
    ['$5', /couldn't read/],
    ['seven hundred', /couldn't read "seven hundred" as a count/],
    ['7 and a half', /couldn't read/],
    ['1.2k', /couldn't read/],
    ['9'.repeat(400), /too large/],
  ])('refuses %j', (text, message) => {
    expect(refuses(text, 'count')).toMatch(message);
  });
});

describe('parseMeasureNumber for a value', () => {
  it.each([
    ['3.5', 3.5, '3.5'],
    ['-2', -2, '-2'],
    ['−2', -2, '-2'],
    ['- 2', undefined, undefined],
    ['0.001', 0.001, '0.001'],
    ['1,234.5', 1234.5, '1234.5'],
    ['42 minutes', 42, '42'],
    ['40%', 40, '40%'],
    ['about -2', -2, '~-2'],
    ['~-2', -2, '~-2'],
  ])('reads %j', (text, value, normalized) => {
    if (value === undefined) {
      refuses(text, 'value');
      return;
    }
    expect(reads(text, 'value')).toMatchObject({ value, normalized });
  });

  it('refuses a ratio, which needs a proportion or a count', () => {
    expect(refuses('12/30', 'value')).toMatch(/single number.*3\.5/);
  });

  it('quotes a long input only in part', () => {
    const error = refuses(`${'x'.repeat(200)}`, 'value');
    expect(error).toContain('…');
    expect(error.length).toBeLessThan(150);
  });
});

describe('describeAcceptedForms', () => {
  it.each(KINDS)('lists examples that %s itself reads', (kind) => {
    const forms = describeAcceptedForms(kind).split(/, | or /);
    expect(forms.length).toBeGreaterThanOrEqual(3);
    for (const form of forms) expect(parseMeasureNumber(form, kind).ok).toBe(true);
  });
});

describe('parseNumberWord', () => {
  it('knows zero to twenty and none', () => {
    expect(parseNumberWord('zero')).toBe(0);
    expect(parseNumberWord('Twenty')).toBe(20);
    expect(parseNumberWord('none')).toBe(0);
    expect(parseNumberWord('twentyone')).toBeUndefined();
  });
});

describe('formatMeasureNumber', () => {
  it.each([
    [{ value: 0.4, numerator: 12, denominator: 30 }, 'proportion', '12/30 (40%)'],
    [{ value: 1 / 3, numerator: 1, denominator: 3 }, 'proportion', '1/3 (33.3%)'],
    [{ value: 0.4 }, 'proportion', '40%'],
    [{ value: 0.4, approximate: true }, 'proportion', '~40%'],
    [{ value: 0.00001 }, 'proportion', '0.001%'],
    [{ value: 0 }, 'proportion', '0%'],
    [{ value: 7 }, 'count', '7'],
    [{ value: 7, approximate: true }, 'count', '~7'],
    [{ value: 0.4, numerator: 12, denominator: 30 }, 'count', '12 per 30'],
    [{ value: 3.5 }, 'value', '3.5'],
    [{ value: -2 }, 'value', '-2'],
    [{ value: 0.1 + 0.2 }, 'value', '0.3'],
    [{ value: 1e21 }, 'value', '1000000000000000000000'],
  ] as const)('writes %j as a %s', (m, kind, text) => {
    expect(formatMeasureNumber(m, kind)).toBe(text);
  });
});

describe('properties', () => {
  const anyText = fc.oneof(
    fc.string(),
    fc.string({ unit: 'grapheme' }),
    fc.stringMatching(
      /^[~≈ ]?[-+]?[0-9.,]{0,8} ?(?:[%/]|of|per|out of|in)? ?[-0-9.,]{0,6}(?: ?[a-z]{0,6})?$/,
    ),
  );

  it('never throws, and never yields a number that is not finite', () => {
    fc.assert(
      fc.property(anyText, fc.constantFrom(...KINDS), (text, kind) => {
        const result = parseMeasureNumber(text, kind);
        if (!result.ok) {
          expect(result.error.length).toBeGreaterThan(0);
          return;
        }
        for (const n of [result.value, result.numerator, result.denominator]) {
          if (n !== undefined) expect(Number.isFinite(n)).toBe(true);
        }
        expect((result.numerator === undefined) === (result.denominator === undefined)).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it('reads n/d for any whole n ≤ d as the proportion n/d, and reads its own normalized form back', () => {
    const pair = fc
      .tuple(fc.nat(100_000), fc.integer({ min: 1, max: 100_000 }))
      .map(([a, b]): [number, number] => (a <= b ? [a, b] : [b, a]))
      .filter(([, d]) => d > 0);
    fc.assert(
      fc.property(pair, fc.constantFrom('/', ' / ', ' of ', ' out of '), ([n, d], separator) => {
        const result = parseMeasureNumber(`${n}${separator}${d}`, 'proportion');
        expect(result).toMatchObject({ ok: true, value: n / d, numerator: n, denominator: d });
        if (result.ok) expect(parseMeasureNumber(result.normalized, 'proportion')).toEqual(result);
      }),
    );
  });

  it('reads back what formatMeasureNumber writes', () => {
    const measurement = fc.oneof(
      fc
        .tuple(fc.nat(10_000), fc.integer({ min: 1, max: 10_000 }), fc.boolean())
        .filter(([n, d]) => n <= d)
        .map(([n, d, approximate]) => ({
          kind: 'proportion' as const,
          m: { value: n / d, numerator: n, denominator: d, approximate },
        })),
      fc
        .tuple(fc.nat(10_000), fc.integer({ min: 1, max: 10_000 }))
        .map(([n, d]) => ({ kind: 'count' as const, m: { value: n / d, numerator: n, denominator: d } })),
      fc.nat(1_000_000).map((n) => ({ kind: 'count' as const, m: { value: n } })),
      fc
        .double({ min: -1e9, max: 1e9, noNaN: true, noDefaultInfinity: true })
        .map((value) => ({ kind: 'value' as const, m: { value: Number(value.toPrecision(12)) || 0 } })),
    );
    fc.assert(
      fc.property(measurement, ({ kind, m }) => {
        const result = parseMeasureNumber(formatMeasureNumber(m, kind), kind);
        expect(result).toMatchObject({ ok: true, ...m, value: m.value });
      }),
    );
  });
});
