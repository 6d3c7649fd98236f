/**
 * Optimal string alignment distance: edits, counting a swap of neighbours as
 * one. Distances above `max` all come back as `max + 1`, and the work is
 * bounded by `max` rather than by the strings: strings whose lengths differ
 * by more than `max` are not compared at all, and otherwise only the cells
 * within `max` of the diagonal are computed, at most (2·max + 1) per
 * character of `a`. Suggesting a near word for a pasted megabyte then costs
 * no more than for a typo.
 */
export function editDistance(a: string, b: string, max = Number.POSITIVE_INFINITY): number {
  const over = max + 1;
  if (Math.abs(a.length - b.length) > max) return over;
  const width = b.length + 1;
  // Rows i-2, i-1 and i of the usual table; cells off the band hold `over`.
  let before = new Array<number>(width).fill(over);
  let previous = new Array<number>(width).fill(over);
  let current = new Array<number>(width).fill(over);
  for (let j = 0; j < width && j <= max; j += 1) previous[j] = j;
  for (let i = 1; i <= a.length; i += 1) {
    const from = Math.max(1, i - max);
    const to = Math.min(b.length, i + max);
    current[from - 1] = from === 1 && i <= max ? i : over;
    if (to < b.length) current[to + 1] = over;
    let best = from === 1 ? current[0]! : over;
    for (let j = from; j <= to; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        d = Math.min(d, before[j - 2]! + 1);
      current[j] = Math.min(d, over);
      best = Math.min(best, current[j]!);
    }
    // Every way on passes through this row: once all of it is over, so is the end.
    if (best >= over) return over;
    [before, previous, current] = [previous, current, before];
  }
  return previous[b.length]!;
}
