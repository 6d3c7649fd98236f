import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type ConditionRange,
  currentRange,
  type HistoryEdit,
  isNoEdit,
  planValueChange,
  rangeOn,
} from '../../../src/core/conditions/history.ts';
import { addDays } from '../../../src/core/schedule/local-time.ts';

// A site's value of a condition over time: whatever order values are set
// in, and from whatever days, the history says on every day what the last
// word about that day said, never holds two values at once, and setting
// what is already so changes nothing.

let nextId = 1;
function apply(ranges: ConditionRange[], edit: HistoryEdit): ConditionRange[] {
  const kept = ranges
    .filter((r) => !edit.remove.includes(r.id))
    .map((r) => {
      const end = edit.setEnd.find((e) => e.id === r.id);
      return end ? { ...r, validTo: end.validTo } : r;
    });
  if (edit.insert)
    kept.push({
      id: nextId++,
      valueId: edit.insert.valueId,
      validFrom: edit.insert.validFrom,
      validTo: null,
    });
  return kept;
}

const valueOn = (ranges: ConditionRange[], date: string) => rangeOn(ranges, date)?.valueId ?? null;

const DAY0 = '2026-01-01';
const day = (n: number) => addDays(DAY0, n);

describe('planValueChange', () => {
  it('a first value set from the start holds on every day', () => {
    const ranges = apply([], planValueChange([], 1, null));
    expect(ranges).toEqual([{ id: expect.any(Number), valueId: 1, validFrom: null, validTo: null }]);
    expect(valueOn(ranges, '1999-01-01')).toBe(1);
  });

  it('a change from a day ends the value before it on that day, and the days before keep it', () => {
    let ranges = apply([], planValueChange([], 1, null));
    ranges = apply(ranges, planValueChange(ranges, 2, day(30)));
    expect(valueOn(ranges, day(29))).toBe(1);
    expect(valueOn(ranges, day(30))).toBe(2);
    expect(currentRange(ranges)?.valueId).toBe(2);
  });

  it('setting the value already in force changes nothing, on the same day or later', () => {
    let ranges = apply([], planValueChange([], 1, null));
    ranges = apply(ranges, planValueChange(ranges, 2, day(30)));
    expect(isNoEdit(planValueChange(ranges, 2, day(30)))).toBe(true);
    expect(isNoEdit(planValueChange(ranges, 2, day(40)))).toBe(true);
    expect(isNoEdit(planValueChange(ranges, 1, day(10)))).toBe(false);
  });

  it('going back to an earlier day with the earlier value removes what came after and reopens it', () => {
    let ranges = apply([], planValueChange([], 1, null));
    ranges = apply(ranges, planValueChange(ranges, 2, day(30)));
    const edit = planValueChange(ranges, 1, day(10));
    expect(edit.insert).toBeNull();
    ranges = apply(ranges, edit);
    expect(ranges).toHaveLength(1);
    expect(ranges[0]).toMatchObject({ valueId: 1, validFrom: null, validTo: null });
  });

  it('clearing ends the value from that day and leaves the days after unknown', () => {
    let ranges = apply([], planValueChange([], 1, null));
    ranges = apply(ranges, planValueChange(ranges, null, day(5)));
    expect(valueOn(ranges, day(4))).toBe(1);
    expect(valueOn(ranges, day(5))).toBeNull();
    expect(currentRange(ranges)).toBeUndefined();
  });

  it('any sequence of changes: every day has the value last set for it, ranges never overlap, one at most is open', () => {
    const change = fc.record({
      value: fc.option(fc.integer({ min: 1, max: 3 }), { nil: null }),
      from: fc.option(fc.integer({ min: 0, max: 60 }), { nil: null }),
    });
    fc.assert(
      fc.property(fc.array(change, { maxLength: 12 }), (changes) => {
        let ranges: ConditionRange[] = [];
        // The model: what each day of 0..70 was last said to be.
        const model = new Map<number, number | null>();
        for (const c of changes) {
          ranges = apply(ranges, planValueChange(ranges, c.value, c.from === null ? null : day(c.from)));
          for (let d = c.from ?? 0; d <= 70; d++) model.set(d, c.value);
          if (c.from === null) model.set(-1, c.value);
        }
        for (let d = 0; d <= 70; d++) expect(valueOn(ranges, day(d))).toBe(model.get(d) ?? null);
        expect(ranges.filter((r) => r.validTo === null).length).toBeLessThanOrEqual(1);
        for (const r of ranges)
          if (r.validFrom !== null && r.validTo !== null) expect(r.validTo > r.validFrom).toBe(true);
        const sorted = [...ranges].sort((a, b) => (a.validFrom ?? '').localeCompare(b.validFrom ?? ''));
        for (let i = 1; i < sorted.length; i++)
          expect(sorted[i - 1]!.validTo! <= sorted[i]!.validFrom!).toBe(true);
        // Neighbours with the same value are one range, so the history reads as changes.
        for (let i = 1; i < sorted.length; i++)
          if (sorted[i - 1]!.validTo === sorted[i]!.validFrom)
            expect(sorted[i - 1]!.valueId).not.toBe(sorted[i]!.valueId);
      }),
    );
  });
});
