import fc from 'fast-check';

// Property tests draw their inputs from one fixed seed, so that a run of the
// suite (CI's above all) passes or fails the same way every time: a red CI
// then always means a change broke something. To explore new inputs, run
// `FUZZ_SEED=random npm test` (or give a number); a failure prints its seed,
// which reproduces it with FUZZ_SEED=<seed>.
const setting = process.env.FUZZ_SEED;
const seed =
  setting === 'random' ? Date.now() ^ (Math.random() * 0x100000000) : Number(setting ?? 20_261_206);
if (!Number.isInteger(seed))
  throw new Error(`FUZZ_SEED: expected "random" or a whole number, got "${setting}"`);
fc.configureGlobal({ ...fc.readConfigureGlobal(), seed });
