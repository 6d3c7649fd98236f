/**
 * Montgomery, Introduction to Statistical Quality Control, Table 7.4: a P chart
 * with variable subgroup size, as reproduced by qicharts2's tests.
 */
export const MONTGOMERY_SIZES = [
  100, 80, 80, 100, 110, 110, 100, 100, 90, 90, 110, 120, 120, 120, 110, 80, 80, 80, 90, 100, 100, 100, 100,
  90, 90,
];
export const MONTGOMERY_COUNTS = [
  12, 8, 6, 9, 10, 12, 11, 16, 10, 6, 20, 15, 9, 8, 6, 8, 10, 7, 5, 8, 5, 8, 10, 6, 9,
];
export const MONTGOMERY_SUBGROUPS = MONTGOMERY_SIZES.map((denominator, i) => ({
  numerator: MONTGOMERY_COUNTS[i]!,
  denominator,
}));
