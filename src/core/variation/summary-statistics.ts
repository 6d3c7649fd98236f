/**
 * Mean, median and standard deviation of plain number lists. Each returns
 * null for too few values rather than NaN, so no NaN can leak into a digest.
 */

/**
 * Arithmetic mean, accumulated as offsets from the first value: a constant
 * series then averages to exactly that constant (0.1 × 10 / 10 would not),
 * which keeps a flat series on its own centre line instead of a hair off it.
 */
export function mean(values: readonly number[]): number | null {
  const first = values[0];
  if (first === undefined) return null;
  let offset = 0;
  for (const value of values) offset += value - first;
  return first + offset / values.length;
}

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  if (sorted.length % 2 === 1) return sorted[middle]!;
  return (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** Sample standard deviation (n − 1 denominator), as R's `sd`. */
export function sampleStandardDeviation(values: readonly number[]): number | null {
  if (values.length < 2) return null;
  const centre = mean(values)!;
  let squares = 0;
  for (const value of values) squares += (value - centre) ** 2;
  return Math.sqrt(squares / (values.length - 1));
}
