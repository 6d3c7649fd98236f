// People read "S2" before "S10" and "Lincoln" beside "lincoln": names are
// compared the way a person sorts them (numbers by value, case and accents
// ignored), with the raw code-point order as the last word so that the order
// is total and the same on every machine.
const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

/** Compares two names as a person sorts them (S2 before S10). */
export function naturalCompare(a: string, b: string): number {
  return collator.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0);
}

/** A copy of `items` sorted by `nameOf` in natural order. */
export function naturallySorted<T>(items: readonly T[], nameOf: (item: T) => string): T[] {
  return [...items].sort((x, y) => naturalCompare(nameOf(x), nameOf(y)));
}
