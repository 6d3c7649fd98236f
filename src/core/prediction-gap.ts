import type { MeasureKind, Measurement } from './domain.ts';
import { formatMeasureNumber } from './parsing/numbers.ts';

/**
 * "You predicted 12/30 (40%); the result is 18/30 (60%), 20 points higher
 * than predicted." Improvement science treats a wrong prediction as
 * learning, so the words describe the gap and never grade it.
 */
export function describePredictionGap(
  predicted: Measurement,
  result: Measurement,
  kind: MeasureKind,
): string {
  const p = formatMeasureNumber(predicted, kind);
  const r = formatMeasureNumber(result, kind);
  const diff = result.value - predicted.value;
  const scale = kind === 'proportion' ? 100 : 1;
  const size = Math.abs(diff * scale);
  const unit = kind === 'proportion' ? (size === 1 ? ' percentage point' : ' percentage points') : '';
  const shown = Number.isInteger(size) ? String(size) : size.toFixed(size < 10 ? 1 : 0);
  if (Math.abs(diff) < 1e-9 || shown === '0' || shown === '0.0') {
    return `You predicted ${p}; the result is ${r}, just as predicted.`;
  }
  return `You predicted ${p}; the result is ${r}, ${shown}${unit} ${diff > 0 ? 'higher' : 'lower'} than predicted.`;
}
