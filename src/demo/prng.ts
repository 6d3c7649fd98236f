/**
 * A small seeded generator (mulberry32), so the demo network is the same on
 * every run and every machine: its digest can be tested and documented.
 */
export type Random = {
  /** Uniform in [0, 1). */
  next(): number;
  /** An integer in [min, max]. */
  int(min: number, max: number): number;
  pick<T>(items: readonly T[]): T;
  /** Successes in `trials` tries with chance `p`: an exact binomial draw. */
  binomial(trials: number, p: number): number;
};

export function seededRandom(seed: number): Random {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    pick: (items) => items[Math.floor(next() * items.length)]!,
    binomial(trials, p) {
      let k = 0;
      for (let i = 0; i < trials; i++) if (next() < p) k++;
      return k;
    },
  };
}
