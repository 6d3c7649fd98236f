import type { Insertable } from 'kysely';
import type { ChangeIdeasTable } from '../db/schema.ts';
import type { Trx } from '../db/trx.ts';

// The owner of the `change_ideas` table: what a network tries, numbered in
// the order they were added.

/** A network's change ideas by number. */
export function ideasOf(trx: Trx, networkId: number) {
  return trx
    .selectFrom('change_ideas')
    .select(['id', 'number', 'text'])
    .where('network_id', '=', networkId)
    .orderBy('number')
    .execute();
}

/** The network's idea with this row id or number, when there is one. */
export function ideaBy(trx: Trx, networkId: number, by: 'id' | 'number', value: number) {
  return trx
    .selectFrom('change_ideas')
    .select(['id', 'number', 'text'])
    .where(by, '=', value)
    .where('network_id', '=', networkId)
    .executeTakeFirst();
}

/** The network's idea with this text in any case. */
export function ideaWithText(trx: Trx, networkId: number, text: string) {
  return trx
    .selectFrom('change_ideas')
    .select(['id', 'number', 'text'])
    .where('network_id', '=', networkId)
    .where((eb) => eb(eb.fn('lower', ['text']), '=', text.toLowerCase()))
    .executeTakeFirst();
}

/** Each idea of a network with how many cycles tested it and how many are open. */
export function ideasWithCycleCounts(trx: Trx, networkId: number) {
  return trx
    .selectFrom('change_ideas')
    .leftJoin('cycles', 'cycles.change_idea_id', 'change_ideas.id')
    .select([
      'change_ideas.id',
      'change_ideas.number',
      'change_ideas.text',
      (eb) => eb.fn.count<string>('cycles.id').as('cycles'),
      (eb) => eb.fn.count<string>('cycles.id').filterWhere('cycles.phase', '!=', 'closed').as('open'),
    ])
    .where('change_ideas.network_id', '=', networkId)
    .groupBy(['change_ideas.id', 'change_ideas.number', 'change_ideas.text'])
    .orderBy('change_ideas.number')
    .execute();
}

/** Adds an idea; the database gives it the network's next number. */
export function insertIdea(trx: Trx, idea: Insertable<ChangeIdeasTable>) {
  return trx.insertInto('change_ideas').values(idea).returning(['id', 'number']).executeTakeFirstOrThrow();
}
