import type { DigestData, DigestMeasure, WeeklyFigure } from '../../../src/core/digest/index.ts';
import { emptyData, proportionFigures, weeksEnding } from './fixtures.ts';

// A network of 14 sites with known patterns in 20 weeks (W28–W47) of
// "Students on time" (a proportion; higher is better):
// - Washington (420 students) is far above the rest in the last week;
// - Brook's last 8 weeks are all above its median (a long run) after a
//   mostly low start;
// - Cedar goes five weeks low, five high, and so on (too few crossings);
// - Lincoln has only 6 weeks of data (too short to judge);
// - every other site wobbles around 70% with no pattern, as much as chance
//   would make it (about √n students either way).

export const MEASURE: DigestMeasure = {
  id: 1,
  name: 'Students on time',
  kind: 'proportion',
  unit: 'students',
  better: 'higher',
};

export const SIZES: [string, number][] = [
  ['Adams', 40],
  ['Brook', 60],
  ['Cedar', 80],
  ['Douglas', 100],
  ['Elm', 120],
  ['Franklin', 150],
  ['Grant', 180],
  ['Hayes', 220],
  ['Irving', 260],
  ['Jackson', 300],
  ['Kennedy', 360],
  ['Washington', 420],
  ['Madison', 500],
  ['Lincoln', 600],
];

// Alternating, so the quiet sites cross their median often; 0 in the last
// week, so that this week's comparison sets them all at 70%.
const WOBBLE = [1, -1, 2, -2, 1, -2, 2, -1, 1, -1, 2, -2, 1, -1, 2, -2, 1, -1, 2, 0];
const BROOK = 'LLHLLHLLLLLLHHHHHHHH';

function quiet(size: number): number[] {
  const step = Math.sqrt(size) * 0.4;
  return WOBBLE.map((w) => Math.round(size * 0.7 + w * step));
}

export function networkFixture(): DigestData {
  const weeks = weeksEnding(47, 20);
  const sites = SIZES.map(([name], i) => ({ id: i + 1, name }));
  const figures: WeeklyFigure[] = [];
  SIZES.forEach(([name, size], i) => {
    let numerators: (number | null)[] = quiet(size);
    if (name === 'Washington') numerators[19] = Math.round(size * 0.88);
    if (name === 'Brook') numerators = [...BROOK].map((c, w) => (c === 'H' ? 46 + (w % 2) : 40 - (w % 2)));
    if (name === 'Cedar')
      numerators = numerators.map((_, w) => (Math.floor(w / 5) % 2 === 0 ? 52 : 60) + (w % 3));
    if (name === 'Lincoln') numerators = numerators.map((n, w) => (w >= 14 ? n : null));
    figures.push(...proportionFigures(MEASURE.id, i + 1, weeks, size, numerators));
  });
  return emptyData({ weeks, sites, measures: [MEASURE], figures });
}
