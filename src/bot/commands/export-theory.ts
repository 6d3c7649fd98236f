import type { Block } from '../../core/message-model.ts';
import { changeIdeasOf } from '../../learning/change-ideas.ts';
import { valuesOnFrom } from '../../learning/idea-evidence.ts';
import { loadConditions } from '../../learning/network-conditions.ts';
import { driversOf } from '../../store/drivers.ts';
import { ideaDriversOf } from '../../store/idea-drivers.ts';
import { historyOfNetwork } from '../../store/site-conditions.ts';
import { sitesOf } from '../../store/sites.ts';
import type { Trx } from '../context.ts';
import { toCsv } from './csv.ts';

// What `/pdsa export` adds for an analyst who wants to take "what works, for
// whom, under what conditions" further: on each cycle, its idea's driver and
// its site's values when it began; the history of every site's values; and
// the driver diagram as a table.

/** A cycle as the export knows it: its site, its idea's row and its first day. */
export type ExportedCycle = { siteId: number; ideaId: number; startsOn: string };

export type TheoryExport = {
  /** Columns added to cycles.csv, after its own. */
  cycleHeader: string[];
  cycleCells(cycle: ExportedCycle): unknown[];
  files: Block[];
};

export async function theoryExport(trx: Trx, networkId: number, stamp: string): Promise<TheoryExport> {
  const [conditions, history, drivers, placed, sites, ideas] = await Promise.all([
    loadConditions(trx, networkId),
    historyOfNetwork(trx, networkId),
    driversOf(trx, networkId),
    ideaDriversOf(trx, networkId),
    sitesOf(trx, networkId),
    changeIdeasOf(trx, networkId),
  ]);
  const driver = new Map(drivers.map((d) => [d.id, d]));
  const driverOf = new Map(placed.map((p) => [p.ideaId, driver.get(p.driverId)]));
  const primaryOf = (d: (typeof drivers)[number] | undefined) => (d?.parentId ? driver.get(d.parentId) : d);
  const secondaryOf = (d: (typeof drivers)[number] | undefined) => (d?.parentId ? d : undefined);
  const valueName = new Map(conditions.flatMap((c) => c.values.map((v) => [v.id, v.value] as const)));
  const conditionName = new Map(conditions.map((c) => [c.id, c.name]));
  const siteName = new Map(sites.map((s) => [s.id, s.name]));
  const valuesOn = valuesOnFrom(history, conditions);

  const conditionsCsv = toCsv(
    ['site_id', 'site', 'condition', 'value', 'valid_from', 'valid_to'],
    history.map((h) => [
      h.siteId,
      siteName.get(h.siteId),
      conditionName.get(h.conditionId),
      valueName.get(h.valueId),
      h.validFrom,
      h.validTo,
    ]),
  );
  // One row per idea; drivers with no idea get a row of their own.
  const rows: unknown[][] = [];
  const row = (d: (typeof drivers)[number] | undefined, idea?: { number: number; text: string }) => {
    const p = primaryOf(d);
    const s = secondaryOf(d);
    rows.push([p?.id, p?.name, s?.id, s?.name, idea?.number, idea?.text]);
  };
  for (const d of drivers) {
    const on = ideas.filter((i) => driverOf.get(i.id)?.id === d.id);
    const hasChildren = drivers.some((c) => c.parentId === d.id);
    if (on.length) for (const i of on) row(d, i);
    else if (!hasChildren) row(d);
  }
  for (const i of ideas.filter((i) => !driverOf.get(i.id))) row(undefined, i);
  const diagramCsv = toCsv(
    [
      'primary_driver_id',
      'primary_driver',
      'secondary_driver_id',
      'secondary_driver',
      'change_idea_number',
      'change_idea',
    ],
    rows,
  );
  return {
    cycleHeader: ['primary_driver', 'secondary_driver', ...conditions.map((c) => `condition: ${c.name}`)],
    cycleCells(cycle) {
      const d = driverOf.get(cycle.ideaId);
      const values = valuesOn(cycle.siteId, cycle.startsOn);
      return [
        primaryOf(d)?.name,
        secondaryOf(d)?.name,
        ...conditions.map((c) => valueName.get(values[c.id] ?? -1)),
      ];
    },
    files: [
      {
        type: 'file',
        fileName: `pdsa-site-conditions-${stamp}.csv`,
        mimeType: 'text/csv',
        content: conditionsCsv,
        title: 'Site conditions over time',
      },
      {
        type: 'file',
        fileName: `pdsa-driver-diagram-${stamp}.csv`,
        mimeType: 'text/csv',
        content: diagramCsv,
        title: 'Driver diagram',
      },
    ],
  };
}
