import { buildDriverTree, type DriverTree, type IdeaCycle } from '../core/drivers/driver-tree.ts';
import type { Trx } from '../db/trx.ts';
import { driversOf } from '../store/drivers.ts';
import { ideaDriversOf } from '../store/idea-drivers.ts';
import { changeIdeasOf } from './change-ideas.ts';

// The driver diagram of a network from its drivers, its change ideas and
// the cycles that tested them.

/** A network's change ideas and, for each, its cycles (site, decision, closed or not). */
async function ideasWithCycles(trx: Trx, networkId: number) {
  const [ideas, cycles] = await Promise.all([
    changeIdeasOf(trx, networkId),
    trx
      .selectFrom('cycles')
      .select(['change_idea_id', 'site_id', 'decision', 'phase'])
      .where('network_id', '=', networkId)
      .execute(),
  ]);
  const byIdea = new Map<number, IdeaCycle[]>();
  for (const c of cycles) {
    const list = byIdea.get(c.change_idea_id) ?? [];
    list.push({ siteId: c.site_id, decision: c.decision, closed: c.phase === 'closed' });
    byIdea.set(c.change_idea_id, list);
  }
  return ideas.map((i) => ({ ...i, cycles: byIdea.get(i.id) ?? [] }));
}

export async function loadDriverTree(trx: Trx, network: { id: number; aim: string }): Promise<DriverTree> {
  const [drivers, placed, ideas] = await Promise.all([
    driversOf(trx, network.id),
    ideaDriversOf(trx, network.id),
    ideasWithCycles(trx, network.id),
  ]);
  const driverOf = new Map(placed.map((p) => [p.ideaId, p.driverId]));
  return buildDriverTree(
    network.aim,
    drivers,
    ideas.map((i) => ({ ...i, driverId: driverOf.get(i.id) ?? null })),
  );
}
