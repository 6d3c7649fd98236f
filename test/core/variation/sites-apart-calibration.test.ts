import { describe, expect, it } from 'vitest';
import { type CalibrationRow, calibrate, calibrationTable, FAMILIES } from './simulated-networks.ts';

// The digest's rule, proven by simulation: a site is named when this week's
// comparison across sites flags it or sitesApart finds it apart over recent
// weeks, with 8 weeks of history. A fixed seed keeps `npm test` the same on
// every run; CALIBRATION_DIGESTS=4000 runs every network size from 3 to 30
// (and 50, 100) with ten times the digests, as `npm run stats:calibrate`
// does for docs/architecture.md.

const long = process.env.CALIBRATION_DIGESTS !== undefined;
const digests = Number(process.env.CALIBRATION_DIGESTS ?? 500);
const seed = Number(process.env.CALIBRATION_SEED ?? 20_261_206);
const every = Array.from({ length: 28 }, (_, i) => i + 3);
const SIZES = long ? [...every, 50, 100] : [3, 4, 5, 6, 8, 10, 12, 15, 20, 30, 100];
const runs = { alike: digests, oneLower: Math.ceil(digests / 2) };
const timeout = long ? 3_600_000 : 120_000;

function check(rows: readonly CalibrationRow[], power: { at3: number; from4: number }) {
  for (const row of rows) {
    const at = `${row.sites} sites`;
    expect(row.falseAlarm, `false alarms, ${at}`).toBeLessThanOrEqual(row.sites <= 30 ? 0.05 : 0.08);
    if (row.sites > 30) continue;
    expect(row.power[0], `20 points lower, ${at}`).toBeGreaterThanOrEqual(
      row.sites === 3 ? power.at3 : power.from4,
    );
    expect(row.power[1], `40 points lower, ${at}`).toBeGreaterThanOrEqual(0.95);
    expect(row.othersNamed[0], `others named, ${at}`).toBeLessThanOrEqual(0.05);
    expect(row.othersNamed[1], `others named, ${at}`).toBeLessThanOrEqual(0.05);
  }
}

describe('the digest names a site that stands apart, and rarely one that does not (simulation)', () => {
  it(
    'proportions: at most 5% of digests name one of 3 to 30 alike sites (8% at 100); a site 20 points lower is named in 80% (75% at 3 sites), 40 points lower in 95%',
    () => {
      const rows = calibrate(seed, FAMILIES.proportion, SIZES, runs);
      console.log(`${FAMILIES.proportion.label}\n${calibrationTable(FAMILIES.proportion, rows)}`);
      check(rows, { at3: 0.75, from4: 0.8 });
    },
    timeout,
  );

  it(
    'counts behave alike: the same false alarms; power for the same weekly noise a little lower, the rest being Poisson',
    () => {
      const rows = calibrate(seed, FAMILIES.count, SIZES, runs);
      console.log(`${FAMILIES.count.label}\n${calibrationTable(FAMILIES.count, rows)}`);
      check(rows, { at3: 0.7, from4: 0.75 });
    },
    timeout,
  );

  it(
    'values: sitesApart alone names one of 3 to 30 alike sites in at most 5% of digests (8% at 100), equally noisy or not',
    () => {
      // This week's I chart across sites, unchanged, assumes equally noisy sites: docs/architecture.md has its figures.
      const sizes = long ? SIZES : [3, 10, 30];
      for (const family of [FAMILIES.value, FAMILIES.unequalValue]) {
        const rows = calibrate(seed, family, sizes, runs);
        console.log(`${family.label}\n${calibrationTable(family, rows)}`);
        for (const row of rows) {
          expect(row.falseAlarmApart, `${family.label}, ${row.sites} sites`).toBeLessThanOrEqual(
            row.sites <= 30 ? 0.05 : 0.08,
          );
          expect(row.power[1], `${family.label}, 40 lower, ${row.sites} sites`).toBeGreaterThanOrEqual(0.95);
        }
      }
    },
    timeout,
  );
});
