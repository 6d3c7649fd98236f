import type { Trx } from '../../db/trx.ts';

/** What a network has, for its summary: sites, measures, ideas, members (active and asking) and cycles under way. */
export async function networkCounts(trx: Trx, networkId: number) {
  const count = async (table: 'sites' | 'measures' | 'change_ideas') =>
    Number(
      (
        await trx
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .where('network_id', '=', networkId)
          .executeTakeFirstOrThrow()
      ).n,
    );
  const members = await trx
    .selectFrom('members')
    .select(['status', (eb) => eb.fn.countAll<string>().as('n')])
    .where('network_id', '=', networkId)
    .groupBy('status')
    .execute();
  const cycles = await trx
    .selectFrom('cycles')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('network_id', '=', networkId)
    .where('phase', '!=', 'closed')
    .executeTakeFirstOrThrow();
  return {
    sites: await count('sites'),
    measures: await count('measures'),
    ideas: await count('change_ideas'),
    members: Number(members.find((m) => m.status === 'active')?.n ?? 0),
    pending: Number(members.find((m) => m.status === 'pending')?.n ?? 0),
    activeCycles: Number(cycles.n),
  };
}
