import {
  ACROSS_SITES_FAMILY_RATE,
  compareSites,
  type MeasureKind,
  type SiteSeries,
  sitesApart,
} from '../../../src/core/variation/index.ts';

/**
 * Networks of sites drawn at random, to measure by simulation how often the
 * digest names a site: how often it cries wolf among alike sites, and how
 * often it finds the one that is really different.
 */

/** A seeded generator of uniform numbers in [0, 1) (mulberry32): the same seed, the same networks. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function normalDraw(random: () => number): number {
  // Box–Muller; 1 − u keeps the logarithm finite.
  const u = 1 - random();
  const v = random();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

const LANCZOS = [
  0.9999999999998099, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
  12.507343278686905, -0.13857109526572012, 0.000009984369578019572, 1.5056327351493116e-7,
];

/** log Γ(x) for x > 0.5 (Lanczos, g = 7). */
function logGamma(x: number): number {
  const z = x - 1;
  let sum = LANCZOS[0]!;
  for (let i = 1; i < 9; i++) sum += LANCZOS[i]! / (z + i);
  const t = z + 7.5;
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(sum);
}

/**
 * An exact draw from a discrete distribution by inversion, searching out
 * from the mode: `mass(k)` is P(k) and `ratioUp(k)` is P(k + 1) / P(k).
 */
function invertFromMode(
  random: () => number,
  mode: number,
  massAtMode: number,
  ratioUp: (k: number) => number,
  max: number,
): number {
  let u = random();
  let up = mode;
  let down = mode;
  let massUp = massAtMode;
  let massDown = massAtMode;
  u -= massAtMode;
  while (u > 0) {
    let moved = false;
    if (up < max) {
      massUp *= ratioUp(up);
      up++;
      u -= massUp;
      if (u <= 0) return up;
      moved = true;
    }
    if (down > 0) {
      massDown /= ratioUp(down - 1);
      down--;
      u -= massDown;
      if (u <= 0) return down;
      moved = true;
    }
    // Rounding left a sliver of probability unassigned: the mode is as good a draw as any.
    if (!moved || (massUp < 1e-300 && massDown < 1e-300)) return mode;
  }
  return mode;
}

export function binomialDraw(random: () => number, trials: number, p: number): number {
  if (p <= 0) return 0;
  if (p >= 1) return trials;
  const mode = Math.min(trials, Math.floor((trials + 1) * p));
  const logMass =
    logGamma(trials + 1) -
    logGamma(mode + 1) -
    logGamma(trials - mode + 1) +
    mode * Math.log(p) +
    (trials - mode) * Math.log1p(-p);
  const odds = p / (1 - p);
  return invertFromMode(random, mode, Math.exp(logMass), (k) => ((trials - k) / (k + 1)) * odds, trials);
}

export function poissonDraw(random: () => number, mean: number): number {
  if (mean <= 0) return 0;
  const mode = Math.floor(mean);
  const logMass = mode * Math.log(mean) - mean - logGamma(mode + 1);
  return invertFromMode(random, mode, Math.exp(logMass), (k) => mean / (k + 1), Number.MAX_SAFE_INTEGER);
}

export interface NetworkScenario {
  kind: 'proportion' | 'count' | 'value';
  sites: number;
  weeks: number;
  /** The true rate every site shares (a proportion, or events per unit of exposure). */
  rate: number;
  /** Weekly shock shared by every site, as a standard deviation on the rate's scale. */
  sharedShock: number;
  /** Each site's own weekly wobble, as a standard deviation. */
  siteWobble: number;
  /** Denominators (or exposures), drawn uniformly between these bounds. */
  sizes: readonly [number, number];
  /** Draw each site's denominator afresh every week, or once per site. */
  sizesPerWeek: boolean;
  /** One site (the first) differs by `gap` in the last `gapWeeks` weeks. */
  gap: number;
  gapWeeks: number;
  /** Value measures: each site's wobble is `siteWobble` times a factor drawn between these bounds. */
  wobbleFactors?: readonly [number, number];
}

/**
 * Alike sites, as issue 12 sets them: one true rate of 70%, binomial noise
 * with denominators from 20 to 400, a weekly shock shared by every site (sd
 * 3 points) and each site's own weekly wobble (sd 2 points), 8 weeks.
 */
export const ALIKE: NetworkScenario = {
  kind: 'proportion',
  sites: 3,
  weeks: 8,
  rate: 0.7,
  sharedShock: 0.03,
  siteWobble: 0.02,
  sizes: [20, 400],
  sizesPerWeek: false,
  gap: 0,
  gapWeeks: 0,
};

/** One site 20 points lower for the last 6 of the 8 weeks, every site with 30 a week. */
export const ONE_SITE_LOWER: NetworkScenario = {
  ...ALIKE,
  sizes: [30, 30],
  gap: -0.2,
  gapWeeks: 6,
};

export interface ScenarioFamily {
  label: string;
  alike: NetworkScenario;
  /** The odd site's gaps to try, with `oneLower`'s sizes. */
  oneLower: NetworkScenario;
  gaps: readonly number[];
  gapLabels: readonly string[];
}

/**
 * The scenarios of the calibration table. Counts use the same rates as
 * events per unit of exposure (Poisson noise); with one site lower, an
 * exposure of 60 a week gives it the same weekly noise as a proportion at
 * 50% of 30. Values have no counts: their weekly noise is all wobble, sd 9
 * points (about the binomial noise of 30 at 70%), the same for every site.
 * The "unequal" families give each site a wobble between half and twice
 * the usual, to see what happens when sites are not equally noisy.
 */
const VALUES = { kind: 'value', rate: 70, sharedShock: 3, siteWobble: 9, sizes: [1, 1] } as const;
const UNEQUAL = { wobbleFactors: [0.5, 2] } as const;

export const FAMILIES: Record<
  'proportion' | 'unequalProportion' | 'count' | 'value' | 'unequalValue',
  ScenarioFamily
> = {
  proportion: {
    label: 'Proportions (70%; 20–400 a week; one site lower: 30 a week)',
    alike: ALIKE,
    oneLower: ONE_SITE_LOWER,
    gaps: [-0.2, -0.4],
    gapLabels: ['20 points lower', '40 points lower'],
  },
  unequalProportion: {
    label: 'Proportions, sites unequally wobbly (weekly wobble sd 1 to 4 points)',
    alike: { ...ALIKE, ...UNEQUAL },
    oneLower: { ...ONE_SITE_LOWER, ...UNEQUAL },
    gaps: [-0.2, -0.4],
    gapLabels: ['20 points lower', '40 points lower'],
  },
  count: {
    label: 'Counts (0.7 events per unit of exposure; 20–400 a week; one site lower: 60 a week)',
    alike: { ...ALIKE, kind: 'count' },
    oneLower: { ...ONE_SITE_LOWER, kind: 'count', sizes: [60, 60] },
    gaps: [-0.2, -0.4],
    gapLabels: ['0.2 lower', '0.4 lower'],
  },
  value: {
    label: 'Values (mean 70; shock sd 3; each site’s weekly noise sd 9)',
    alike: { ...ALIKE, ...VALUES },
    oneLower: { ...ONE_SITE_LOWER, ...VALUES },
    gaps: [-20, -40],
    gapLabels: ['20 lower', '40 lower'],
  },
  unequalValue: {
    label: 'Values, sites unequally noisy (weekly noise sd 4.5 to 18)',
    alike: { ...ALIKE, ...VALUES, ...UNEQUAL },
    oneLower: { ...ONE_SITE_LOWER, ...VALUES, ...UNEQUAL },
    gaps: [-20, -40],
    gapLabels: ['20 lower', '40 lower'],
  },
};

/** The site that differs, when the scenario has one. */
export const ODD_SITE = 'Site 1';

export function simulateNetwork(random: () => number, s: NetworkScenario): SiteSeries[] {
  const [low, high] = s.sizes;
  const drawSize = () => Math.round(low + random() * (high - low));
  const shocks = Array.from({ length: s.weeks }, () => s.sharedShock * normalDraw(random));
  return Array.from({ length: s.sites }, (_, i) => {
    const siteSize = drawSize();
    const [lowFactor, highFactor] = s.wobbleFactors ?? [1, 1];
    const wobble = s.siteWobble * (lowFactor + random() * (highFactor - lowFactor));
    const weeks = shocks.map((shock, t) => {
      const size = s.sizesPerWeek ? drawSize() : siteSize;
      const gap = i === 0 && t >= s.weeks - s.gapWeeks ? s.gap : 0;
      const rate = s.rate + gap + shock + wobble * normalDraw(random);
      if (s.kind === 'value') return { value: rate };
      const numerator =
        s.kind === 'proportion'
          ? binomialDraw(random, size, Math.min(1, Math.max(0, rate)))
          : poissonDraw(random, Math.max(0, rate) * size);
      return { numerator, denominator: size };
    });
    return { site: `Site ${i + 1}`, weeks };
  });
}

/**
 * The digest's rule: a site is named when this week's comparison across
 * sites (compareSites, with the digest's family rate) finds it beyond its
 * limits, or sitesApart finds it apart over recent weeks.
 */
export function namedByDigest(
  series: readonly SiteSeries[],
  kind: MeasureKind,
): { named: Set<string>; apart: Set<string> } {
  const thisWeek = compareSites(
    series.map((s) => {
      const f = s.weeks.at(-1);
      return f ? { site: s.site, ...f } : { site: s.site };
    }),
    kind,
    { familyRate: ACROSS_SITES_FAMILY_RATE },
  );
  const apart = new Set(sitesApart(series, kind).map((s) => s.site));
  const named = new Set(apart);
  for (const c of thisWeek.sites) if (c.verdict !== 'within') named.add(c.site);
  return { named, apart };
}

export interface CalibrationRow {
  sites: number;
  /** Alike sites: share of digests naming any site (the digest's rule). */
  falseAlarm: number;
  /** The same for sitesApart alone. */
  falseAlarmApart: number;
  /** Per gap: share of digests naming the odd site, and naming any other site. */
  power: number[];
  othersNamed: number[];
}

/**
 * Runs `digests.alike` networks of alike sites and `digests.oneLower` with
 * one site lower, per gap, for each network size. Each size draws from its
 * own stream of the seed, so that a row is the same whichever sizes run.
 */
export function calibrate(
  seed: number,
  family: ScenarioFamily,
  sizes: readonly number[],
  digests: { alike: number; oneLower: number },
): CalibrationRow[] {
  return sizes.map((sites) => {
    const random = seededRandom(seed + 7919 * sites);
    let falseAlarm = 0;
    let falseAlarmApart = 0;
    for (let r = 0; r < digests.alike; r++) {
      const { named, apart } = namedByDigest(
        simulateNetwork(random, { ...family.alike, sites }),
        family.alike.kind,
      );
      if (named.size > 0) falseAlarm++;
      if (apart.size > 0) falseAlarmApart++;
    }
    const power: number[] = [];
    const othersNamed: number[] = [];
    for (const gap of family.gaps) {
      let odd = 0;
      let others = 0;
      for (let r = 0; r < digests.oneLower; r++) {
        const { named } = namedByDigest(
          simulateNetwork(random, { ...family.oneLower, sites, gap }),
          family.oneLower.kind,
        );
        if (named.has(ODD_SITE)) odd++;
        if ([...named].some((site) => site !== ODD_SITE)) others++;
      }
      power.push(odd / digests.oneLower);
      othersNamed.push(others / digests.oneLower);
    }
    return {
      sites,
      falseAlarm: falseAlarm / digests.alike,
      falseAlarmApart: falseAlarmApart / digests.alike,
      power,
      othersNamed,
    };
  });
}

const percentCell = (share: number) => `${(share * 100).toFixed(1)}%`;

/** The rows as a Markdown table, as docs/architecture.md shows them. */
export function calibrationTable(family: ScenarioFamily, rows: readonly CalibrationRow[]): string {
  const header = [
    'Sites',
    'Alike: digests naming a site',
    '(sitesApart alone)',
    ...family.gapLabels.flatMap((label) => [`One ${label}: named`, 'others named']),
  ];
  const lines = [
    `| ${header.join(' | ')} |`,
    `|${header.map((_, i) => (i === 0 ? '---:' : '---:')).join('|')}|`,
    ...rows.map(
      (row) =>
        `| ${[
          row.sites,
          percentCell(row.falseAlarm),
          percentCell(row.falseAlarmApart),
          ...row.power.flatMap((p, i) => [percentCell(p), percentCell(row.othersNamed[i]!)]),
        ].join(' | ')} |`,
    ),
  ];
  return lines.join('\n');
}
