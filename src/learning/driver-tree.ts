import { sql } from 'kysely';
import { buildDriverTree, type DriverTree, type IdeaCycle } from '../core/drivers/driver-tree.ts';
import type { Trx } from '../db/trx.ts';
import { driversOf } from '../store/drivers.ts';
import { ideaDriversOf } from '../store/idea-drivers.ts';
import { changeIdeasOf } from './change-ideas.ts';

// The driver diagram of a network from its drivers, its change ideas and
// the cycles that tested them.

/**
 * A network's change ideas and, for each, its cycles (site, decision,
 * closed or not). The cycles alike in those come back as one row with
 * their count: the diagram only counts them, and a long history is tens of
 * thousands of cycles.
 */
async function ideasWithCycles(trx: Trx, networkId: number) {
  const [ideas, groups] = await Promise.all([
    changeIdeasOf(trx, networkId),
    trx
      .selectFrom('cycles')
      .select([
        'change_idea_id',
        'site_id',
        'decision',
        sql<boolean>`phase = 'closed'`.as('closed'),
        (eb) => eb.fn.countAll<number>().as('n'),
      ])
      .where('network_id', '=', networkId)
      .groupBy(['change_idea_id', 'site_id', 'decision', sql`phase = 'closed'`])
      .execute(),
  ]);
  const byIdea = new Map<number, IdeaCycle[]>();
  for (const g of groups) {
    const list = byIdea.get(g.change_idea_id) ?? [];
    const cycle: IdeaCycle = { siteId: g.site_id, decision: g.decision, closed: g.closed };
    for (let i = 0; i < Number(g.n); i++) list.push(cycle);
    byIdea.set(g.change_idea_id, list);
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
