// The value axis every panel of the chart shares. It is worked out here, with
// the data, rather than by the renderer, because what the chart may mark
// depends on it: a trend whose rise is a sliver of this axis would be drawn
// as a flat line, so it is not marked (see chart-input.ts).

export interface ValueScale {
  min: number;
  max: number;
  /** Round values between min and max, labelled on the axis and drawn as grid lines. */
  ticks: number[];
}

const STEPS = [1, 2, 2.5, 5, 10];

/**
 * A domain a little wider than the values (so points stay off the edges)
 * and two to five round ticks inside it; proportions stay within 0..1.
 */
export function valueScale(values: readonly number[], proportion: boolean): ValueScale {
  const finite = values.filter(Number.isFinite);
  if (finite.length === 0)
    return proportion ? { min: 0, max: 1, ticks: [0, 0.5, 1] } : { min: 0, max: 1, ticks: [0, 1] };
  let lo = Math.min(...finite);
  let hi = Math.max(...finite);
  if (hi - lo < 1e-9) {
    // One level: a band around it, so the line sits in the middle of the panel.
    const share = Math.abs(lo) * 0.05;
    const pad = share > 1e-9 ? share : proportion ? 0.05 : 1;
    lo -= pad;
    hi += pad;
  }
  const pad = (hi - lo) * 0.06;
  let min = lo - pad;
  let max = hi + pad;
  if (proportion) {
    min = Math.max(0, min);
    max = Math.min(1, max);
  }
  let step = niceStep((max - min) / 4);
  let ticks = ticksWithin(min, max, step);
  if (ticks.length < 2) {
    step = niceStep(step / 2.5);
    ticks = ticksWithin(min, max, step);
  }
  return { min: clean(min), max: clean(max), ticks };
}

function ticksWithin(min: number, max: number, step: number): number[] {
  const ticks: number[] = [];
  for (let k = Math.ceil(min / step - 1e-9); k * step <= max + step * 1e-9; k++) ticks.push(clean(k * step));
  return ticks;
}

function niceStep(rough: number): number {
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = STEPS.find((s) => s * power >= rough - 1e-12) ?? 10;
  return step * power;
}

/** 0.30000000000000004 → 0.3: ticks are compared and printed. */
function clean(n: number): number {
  return Number(n.toPrecision(12));
}
