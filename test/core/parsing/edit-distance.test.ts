import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { editDistance } from '../../../src/core/parsing/edit-distance.ts';

// The distance behind "did you mean …?": a typo, a missing or extra letter,
// or two letters swapped each count one. With a limit, anything farther is
// just "farther", and the work stays bounded by the limit, not by how much
// someone pasted.

/** The whole table, as in the textbook: the oracle. */
function reference(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i <= a.length; i += 1) {
    for (let j = 1; j <= b.length; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        d[i]![j] = Math.min(d[i]![j]!, d[i - 2]![j - 2]! + 1);
      }
    }
  }
  return d[a.length]![b.length]!;
}

/** A stand-in for a string of `length` copies of `char` that counts how many characters are read. */
function counted(length: number, char: string) {
  let reads = 0;
  const text = new Proxy(
    {},
    {
      get(_target, key) {
        if (key === 'length') return length;
        if (typeof key === 'string' && /^\d+$/.test(key)) {
          reads += 1;
          return Number(key) < length ? char : undefined;
        }
        return undefined;
      },
    },
  ) as unknown as string;
  return { text, reads: () => reads };
}

describe('edit distance', () => {
  it('counts a typo, a missing or extra letter, and a swap of neighbours as one edit each', () => {
    expect(editDistance('stauts', 'status')).toBe(1);
    expect(editDistance('statu', 'status')).toBe(1);
    expect(editDistance('statuss', 'status')).toBe(1);
    expect(editDistance('staton', 'status')).toBe(2);
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('', 'abc')).toBe(3);
  });

  it('gives the textbook distance, or max + 1 for anything farther than max', () => {
    const word = fc.string({ unit: fc.constantFrom('a', 'b', 'c'), maxLength: 12 });
    fc.assert(
      fc.property(word, word, fc.integer({ min: 0, max: 6 }), (a, b, max) => {
        const d = reference(a, b);
        expect(editDistance(a, b)).toBe(d);
        expect(editDistance(a, b, max)).toBe(Math.min(d, max + 1));
      }),
    );
  });

  it('does not read a pasted megabyte at all when its length alone puts it beyond the limit', () => {
    const pasted = counted(1_000_000, 'x');
    expect(editDistance(pasted.text, 'status', 2)).toBe(3);
    expect(pasted.reads()).toBe(0);
  });

  it('reads each character a bounded number of times, however long both strings are', () => {
    const a = counted(100_000, 'x');
    const b = counted(100_000, 'x');
    expect(editDistance(a.text, b.text, 2)).toBe(0);
    // Six reads per cell at most, five cells per row: not 100,000 cells per row.
    expect(a.reads() + b.reads()).toBeLessThanOrEqual(6 * 5 * 100_000);
    // Strings that differ everywhere are given up within a few rows.
    const c = counted(100_000, 'x');
    const d = counted(100_000, 'y');
    expect(editDistance(c.text, d.text, 2)).toBe(3);
    expect(c.reads() + d.reads()).toBeLessThan(100);
  });
});
