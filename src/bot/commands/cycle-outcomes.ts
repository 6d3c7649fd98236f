import type { Measurement } from '../../core/domain.ts';

/**
 * A figure a check-in recorded, from its columns and its answer (which
 * alone keeps whether it was typed as approximate, "~18/24"); undefined
 * when none was recorded.
 */
export function recordedFigure(
  value: number | null,
  numerator: number | null,
  denominator: number | null,
  answered: unknown,
): Measurement | undefined {
  if (value === null) return undefined;
  const approximate = (answered as { approximate?: unknown } | null | undefined)?.approximate === true;
  return {
    value,
    ...(numerator !== null && denominator !== null ? { numerator, denominator } : {}),
    ...(approximate ? { approximate } : {}),
  };
}
