import { driverLabels } from '../../core/drivers/driver-tree.ts';
import { driversOf } from '../../store/drivers.ts';
import { ideaDriversOf } from '../../store/idea-drivers.ts';
import type { Trx } from '../context.ts';

// The change ideas of a network by the driver each acts on.

/** The ideas of a list grouped as on the driver diagram; `label` null for ideas on no driver. */
export async function ideasByDriver<T extends { id: number }>(
  trx: Trx,
  networkId: number,
  ideas: readonly T[],
): Promise<{ label: string | null; ideas: T[] }[]> {
  const [drivers, placed] = await Promise.all([driversOf(trx, networkId), ideaDriversOf(trx, networkId)]);
  const driverOf = new Map(placed.map((p) => [p.ideaId, p.driverId]));
  const groups = driverLabels(drivers)
    .map((d) => ({
      label: d.label as string | null,
      ideas: ideas.filter((i) => driverOf.get(i.id) === d.id),
    }))
    .filter((g) => g.ideas.length > 0);
  const loose = ideas.filter((i) => !drivers.some((d) => d.id === driverOf.get(i.id)));
  return loose.length ? [...groups, { label: null, ideas: loose }] : groups;
}
