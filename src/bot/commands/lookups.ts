import { naturallySorted } from '../../core/natural-order.ts';
import { readId, shownId } from '../../core/parsing/ids.ts';
import { quoteInput } from '../../core/quoted-input.ts';
import type { CycleRow, MeasureRow, SiteRow } from '../../db/schema.ts';
import { cycleByNumber, cycleInNetwork } from '../../store/cycles.ts';
import { measuresOf } from '../../store/measures.ts';
import { sitesOf } from '../../store/sites.ts';
import type { Trx } from '../context.ts';
import { UserError } from '../user-error.ts';

// Finding what a command names, within the caller's network only, with a
// refusal that lists what there is.

export async function findSite(trx: Trx, networkId: number, name: string): Promise<SiteRow> {
  const sites = naturallySorted(await sitesOf(trx, networkId), (s) => s.name);
  const wanted = name.trim().toLowerCase();
  const site = sites.find((s) => s.name.toLowerCase() === wanted) ?? onlyPrefixMatch(sites, wanted);
  if (site) return site;
  throw new UserError(
    sites.length
      ? `There is no site ${quoteInput(name)}. The sites are: ${sites.map((s) => s.name).join(', ')}.`
      : `There is no site ${quoteInput(name)} — the network has no sites yet. Add one with \`/pdsa site add <name>\`.`,
  );
}

export async function findMeasure(
  trx: Trx,
  networkId: number,
  name: string | undefined,
): Promise<MeasureRow> {
  const measures = naturallySorted(await measuresOf(trx, networkId), (m) => m.name);
  if (measures.length === 0) {
    throw new UserError(
      'The network has no measures yet. Add one first, e.g. `/pdsa measure add "On-time arrival" kind proportion better higher`.',
    );
  }
  if (name === undefined) {
    if (measures.length === 1) return measures[0]!;
    throw new UserError(
      `Which measure? Add \`measure <name>\`; the measures are: ${measures.map((m) => m.name).join(', ')}.`,
    );
  }
  const wanted = name.trim().toLowerCase();
  const measure = measures.find((m) => m.name.toLowerCase() === wanted) ?? onlyPrefixMatch(measures, wanted);
  if (measure) return measure;
  throw new UserError(
    `There is no measure ${quoteInput(name)}. The measures are: ${measures.map((m) => m.name).join(', ')}.`,
  );
}

function onlyPrefixMatch<T extends { name: string }>(rows: T[], wanted: string): T | undefined {
  const hits = rows.filter((r) => r.name.toLowerCase().startsWith(wanted));
  return hits.length === 1 ? hits[0] : undefined;
}

/** The cycle number a command names; digits no cycle can have are refused as an unknown cycle. */
export function parseCycleNumber(token: string | undefined, usage: string): number {
  const read = readId(token);
  if (read.kind === 'id') return read.id;
  if (read.kind === 'none') throw noSuchCycle(shownId(read));
  throw new UserError(
    token ? `${quoteInput(token)} is not a cycle number. ${usage}` : `Which cycle? ${usage}`,
  );
}

function noSuchCycle(number: number | string): UserError {
  return new UserError(`There is no cycle #${number} in your network. Type \`/pdsa cycles\` to see them.`);
}

/** A cycle of the network by the number people type and read (`/pdsa cycle 3`). */
export async function findCycle(trx: Trx, networkId: number, number: number): Promise<CycleRow> {
  const cycle = await cycleByNumber(trx, networkId, number);
  if (!cycle) throw noSuchCycle(number);
  return cycle;
}

/** A cycle of the network by the id a button or form carries (never typed by people). */
export async function findCycleById(
  trx: Trx,
  networkId: number,
  id: string | null | undefined,
): Promise<CycleRow> {
  const read = readId(id);
  const cycle = read.kind === 'id' ? await cycleInNetwork(trx, networkId, read.id) : undefined;
  if (!cycle)
    throw new UserError('That cycle is not in your network. Type `/pdsa cycles` to see the cycles.');
  return cycle;
}
