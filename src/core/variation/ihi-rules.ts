/**
 * The IHI run-chart rules (Perla, Provost & Murray 2011), reported as
 * supporting detail next to Anhøj's headline signal. Indices refer to the
 * caller's original array, missing weeks included.
 */

export const SHIFT_LENGTH = 6;
export const TREND_LENGTH = 5;

export interface Shift {
  start: number;
  end: number;
  side: 'above' | 'below';
  /** Points in the shift, not counting missing weeks or points on the centre line. */
  length: number;
}

export interface Trend {
  start: number;
  end: number;
  direction: 'up' | 'down';
  /** Points counted, each repeated equal value counted once. */
  length: number;
}

export interface IndexedValue {
  index: number;
  value: number;
}

/** Runs of six or more useful points on one side; points on the centre line are skipped. */
export function findShifts(observed: readonly IndexedValue[], centre: number): Shift[] {
  const shifts: Shift[] = [];
  let runStart = -1;
  let runEnd = -1;
  let runSide = 0;
  let runLength = 0;
  const close = (): void => {
    if (runLength >= SHIFT_LENGTH) {
      shifts.push({ start: runStart, end: runEnd, side: runSide > 0 ? 'above' : 'below', length: runLength });
    }
  };
  for (const { index, value } of observed) {
    const side = Math.sign(value - centre);
    if (side === 0) continue;
    if (side === runSide) {
      runEnd = index;
      runLength++;
    } else {
      close();
      runSide = side;
      runStart = index;
      runEnd = index;
      runLength = 1;
    }
  }
  close();
  return shifts;
}

interface Plateau {
  value: number;
  first: number;
  last: number;
}

/**
 * Five or more points steadily rising or falling. A repeated equal value
 * neither adds to nor breaks a trend, so equal neighbours are merged into one
 * plateau first. A trend is reported from the last index of its first plateau
 * to the first index of its last, the stretch over which the movement happens.
 */
export function findTrends(observed: readonly IndexedValue[]): Trend[] {
  const plateaus: Plateau[] = [];
  for (const { index, value } of observed) {
    const last = plateaus.at(-1);
    if (last !== undefined && last.value === value) last.last = index;
    else plateaus.push({ value, first: index, last: index });
  }

  const trends: Trend[] = [];
  let from = 0;
  while (from < plateaus.length - 1) {
    const direction = Math.sign(plateaus[from + 1]!.value - plateaus[from]!.value);
    let to = from + 1;
    while (
      to + 1 < plateaus.length &&
      Math.sign(plateaus[to + 1]!.value - plateaus[to]!.value) === direction
    ) {
      to++;
    }
    const length = to - from + 1;
    if (length >= TREND_LENGTH) {
      trends.push({
        start: plateaus[from]!.last,
        end: plateaus[to]!.first,
        direction: direction > 0 ? 'up' : 'down',
        length,
      });
    }
    // The turning point ends one trend and may start the next.
    from = to;
  }
  return trends;
}
