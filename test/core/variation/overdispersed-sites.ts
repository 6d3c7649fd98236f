/**
 * Thirteen sites built around p̄ = 14350 / 28700 = 0.5 with σ_i = 0.5 / √n_i,
 * so every z-score is a whole number: Oak at +32 (2050 of 2500), every
 * other site at ±4. Σz = 0, Σz² = 1216, so σz = √(1216 / 12) ≈ 10.0664.
 * The plain P chart flags all thirteen; P′ flags only Oak.
 */
export const OVERDISPERSED_SITES = [
  { site: 'Oak', numerator: 2050, denominator: 2500 }, // z = +32
  { site: 'Birch', numerator: 390, denominator: 900 }, // z = −4
  { site: 'Cedar', numerator: 2310, denominator: 4900 }, // z = −4
  { site: 'Elm', numerator: 720, denominator: 1600 }, // z = −4
  { site: 'Fir', numerator: 1680, denominator: 3600 }, // z = −4
  { site: 'Hazel', numerator: 1150, denominator: 2500 }, // z = −4
  { site: 'Holly', numerator: 1150, denominator: 2500 }, // z = −4
  { site: 'Larch', numerator: 160, denominator: 400 }, // z = −4
  { site: 'Maple', numerator: 3040, denominator: 6400 }, // z = −4
  { site: 'Pine', numerator: 70, denominator: 100 }, // z = +4
  { site: 'Rowan', numerator: 30, denominator: 100 }, // z = −4
  { site: 'Willow', numerator: 880, denominator: 1600 }, // z = +4
  { site: 'Yew', numerator: 720, denominator: 1600 }, // z = −4
];

export const OVERDISPERSED_SIGMA_Z = Math.sqrt(1216 / 12);
