import { driverLabels, MAX_DRIVER_NAME } from '../../core/drivers/driver-tree.ts';
import { matchName, sameName, tidyName } from '../../core/named.ts';
import { quoteInput } from '../../core/quoted-input.ts';
import { type Driver, driversOf, insertDriver } from '../../store/drivers.ts';
import type { Trx } from '../context.ts';
import { limitLength, UserError } from '../user-error.ts';

// Finding the driver a command names, within the caller's network, with a
// refusal that lists the drivers there are.

/** Drivers per network: a driver diagram with more is no longer one a network can hold in mind. */
export const MAX_DRIVERS = 40;

export function driversList(drivers: readonly Driver[]): string {
  return driverLabels(drivers)
    .map((d) => d.label)
    .join('; ');
}

/** The driver named `typed` (or the only one starting with it), else a UserError listing them. */
export async function findDriver(trx: Trx, networkId: number, typed: string): Promise<Driver> {
  const drivers = await driversOf(trx, networkId);
  return pickDriver(drivers, typed);
}

export function pickDriver(drivers: readonly Driver[], typed: string): Driver {
  // "Belonging › Adults know each name", as the lists show it, names the secondary driver.
  const name = typed.includes('›') ? typed.slice(typed.lastIndexOf('›') + 1) : typed;
  const match = matchName(drivers, (d) => d.name, name);
  if (match.kind === 'found') return match.item;
  if (drivers.length === 0) {
    throw new UserError(
      `There is no driver ${quoteInput(typed)}: the network has no drivers yet. Add one with \`/pdsa driver add <name>\`.`,
    );
  }
  const listed =
    match.kind === 'ambiguous' ? match.items.map((d) => d.name).join('; ') : driversList(drivers);
  throw new UserError(
    `${match.kind === 'ambiguous' ? `${quoteInput(typed)} could be several drivers` : `There is no driver ${quoteInput(typed)}`}. The drivers are: ${listed}.`,
  );
}

/** The driver `name` names (as `findDriver` reads it), or a new primary driver of that name. */
export async function driverOrNew(
  trx: Trx,
  networkId: number,
  name: string,
  at: Date,
): Promise<{ driver: Driver; created: boolean }> {
  const tidy = tidyName(limitLength(name, MAX_DRIVER_NAME, 'driver'));
  const drivers = await driversOf(trx, networkId);
  const same = drivers.find((d) => sameName(d.name, tidy));
  if (same) return { driver: same, created: false };
  const match = matchName(drivers, (d) => d.name, tidy);
  if (match.kind === 'found') return { driver: match.item, created: false };
  if (match.kind === 'ambiguous') pickDriver(drivers, tidy);
  assertRoomForDriver(drivers);
  return { driver: await insertDriver(trx, networkId, tidy, null, at), created: true };
}

export function assertRoomForDriver(drivers: readonly Driver[]): void {
  if (drivers.length >= MAX_DRIVERS) {
    throw new UserError(
      `The network has ${drivers.length} drivers, the most it can have. Remove one first (\`/pdsa driver remove <name>\`), or put the idea on one of them.`,
    );
  }
}
