import type { Db } from '../db/connect.ts';
import { networkTimeZoneOfPerson } from '../store/people.ts';
import type { Actor } from './inbound.ts';

/**
 * The time zone of the network the person behind `actor` belongs to, or
 * undefined when they are in none (or have never written): the terminal
 * shows and reads its clock in it.
 */
export async function networkTimeZoneOf(db: Db, actor: Actor): Promise<string | undefined> {
  return networkTimeZoneOfPerson(db, actor);
}
