import type { TopLevelSpec } from 'vega-lite';

// vega-lite exports only its top-level spec type from the package root; the
// child types are derived from it instead of imported from an unstable path.
type ConcatSpec = Extract<TopLevelSpec, { concat: unknown }>;
type PanelSpec = ConcatSpec['concat'][number];

/** One layer of a panel: a unit (mark + encoding) or a nested layer. */
export type Layer = Extract<PanelSpec, { layer: unknown }>['layer'][number];

type UnitLayer = Extract<Layer, { mark: unknown }>;
type Encoding = NonNullable<UnitLayer['encoding']>;
export type PositionDef = NonNullable<Encoding['x']>;
export type AxisDef = NonNullable<Extract<PositionDef, { field?: unknown; axis?: unknown }>['axis']>;
