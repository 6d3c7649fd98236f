import { parseArgs } from 'node:util';
import {
  type CalibrationRow,
  calibrate,
  calibrationTable,
  FAMILIES,
} from '../test/core/variation/simulated-networks.ts';

// `npm run stats:calibrate`: the calibration table of docs/architecture.md
// ("Statistics"), from the simulation test's scenarios run for longer. How
// often the digest names a site among alike sites (its false alarms), and
// how often it names one that is lower for the last 6 of 8 weeks (its
// power), for each network size.

const { values } = parseArgs({
  options: {
    digests: { type: 'string', default: '4000' },
    seed: { type: 'string', default: '20261206' },
    sizes: { type: 'string', default: '3,4,5,6,8,10,12,15,20,30,50,100' },
    families: { type: 'string', default: Object.keys(FAMILIES).join(',') },
  },
});

const digests = Number(values.digests);
const seed = Number(values.seed);
const sizes = values.sizes.split(',').map(Number);
if (!Number.isInteger(digests) || digests < 1 || !Number.isInteger(seed) || sizes.some((n) => !(n >= 2))) {
  console.error('Usage: npm run stats:calibrate -- [--digests 4000] [--seed N] [--sizes 3,4,30,100]');
  process.exit(1);
}

console.log(
  `Digests per cell: ${digests} of alike sites, ${digests / 2} per gap with one site lower; seed ${seed}.`,
);
for (const name of values.families.split(',')) {
  const family = FAMILIES[name as keyof typeof FAMILIES];
  if (!family) {
    console.error(`Unknown family "${name}"; there are ${Object.keys(FAMILIES).join(', ')}.`);
    process.exit(1);
  }
  const started = performance.now();
  const rows: CalibrationRow[] = calibrate(seed, family, sizes, {
    alike: digests,
    oneLower: Math.ceil(digests / 2),
  });
  console.log(`\n${family.label} (${((performance.now() - started) / 1000).toFixed(1)} s)\n`);
  console.log(calibrationTable(family, rows));
}
