import type { NetworkCondition } from '../core/conditions/definitions.ts';
import { rangeOn } from '../core/conditions/history.ts';
import type { Measurement } from '../core/domain.ts';
import { driverLabels } from '../core/drivers/driver-tree.ts';
import type { EvidenceCycle } from '../core/evidence/by-condition.ts';
import type { Trx } from '../db/trx.ts';
import { driversOf } from '../store/drivers.ts';
import { ideaDriversOf } from '../store/idea-drivers.ts';
import { historyOfNetwork, type SiteConditionRange } from '../store/site-conditions.ts';
import { loadBaselines } from './baselines.ts';
import { changeIdeasOf } from './change-ideas.ts';
import { loadCycleAnswers } from './cycle-answers.ts';
import { loadIdeaCycles } from './idea-cycles.ts';
import { loadConditions } from './network-conditions.ts';

// Everything known about change ideas, ready to be grouped by condition:
// each cycle with its site's values on the day it began, its prediction,
// result, baseline, decision and lessons.

/** `id` is the idea's row, `number` the one people read; each cycle's `cycleId` is its number too. */
export type IdeaRecord = {
  id: number;
  number: number;
  text: string;
  driver: string | null;
  cycles: EvidenceCycle[];
};

export type NetworkRef = { id: number; time_zone: string };

/**
 * A recorded figure; only its answer keeps whether it was typed as
 * approximate ("~18/24"). Built field by field: one per prediction and
 * result of a long history, and spreading made two more objects each.
 */
function measurement(v: number | null, n: number | null, d: number | null, approximate: boolean) {
  if (v === null) return null;
  const figure: Measurement = { value: v };
  if (n !== null && d !== null) {
    figure.numerator = n;
    figure.denominator = d;
  }
  if (approximate) figure.approximate = true;
  return figure;
}

/** The values in force at a site on a day, as condition id → value id. */
export type ValuesOn = (siteId: number, date: string) => Readonly<Record<number, number>>;

/**
 * Looks values up in a network's history, indexed once by site and
 * condition; a site's values on a day are looked up once, and shared by
 * the cycles that began there that day (a long history has tens of
 * thousands of cycles, on a few thousand site-days).
 */
export function valuesOnFrom(
  history: readonly SiteConditionRange[],
  conditions: readonly NetworkCondition[],
): ValuesOn {
  const ranges = new Map<string, SiteConditionRange[]>();
  for (const h of history) {
    const key = `${h.siteId}:${h.conditionId}`;
    const own = ranges.get(key);
    if (own) own.push(h);
    else ranges.set(key, [h]);
  }
  const known = new Map<number, Map<string, Readonly<Record<number, number>>>>();
  return (siteId, date) => {
    let ofSite = known.get(siteId);
    if (!ofSite) {
      ofSite = new Map();
      known.set(siteId, ofSite);
    }
    const seen = ofSite.get(date);
    if (seen) return seen;
    const values: Record<number, number> = {};
    for (const c of conditions) {
      const range = rangeOn(ranges.get(`${siteId}:${c.id}`) ?? [], date);
      if (range) values[c.id] = range.valueId;
    }
    ofSite.set(date, values);
    return values;
  };
}

/** The driver each idea is on, labelled as the lists show it. */
export async function driverLabelsOfIdeas(trx: Trx, networkId: number): Promise<Map<number, string>> {
  const [drivers, placed] = await Promise.all([driversOf(trx, networkId), ideaDriversOf(trx, networkId)]);
  const label = new Map(driverLabels(drivers).map((d) => [d.id, d.label]));
  return new Map(placed.map((p) => [p.ideaId, label.get(p.driverId) ?? '']));
}

/**
 * The ideas named (all of the network's without `ideaIds`) with their
 * cycles, oldest first. With `asOf`, as they stood then: later cycles,
 * results and decisions are left out (a digest of a past week says what
 * was known at its end). `baselines: false` skips reading the weeks before
 * each cycle, and `answers: 'latestLesson'` reads what only the answers
 * hold (lessons, next steps, approximate figures) for each idea's latest
 * lesson alone, for answers that show no more. `counts: false` reads each
 * prediction and result as its value alone, without its numerator and
 * denominator, for evidence that counts values only.
 */
export async function loadIdeaRecords(
  trx: Trx,
  network: NetworkRef,
  ideaIds?: readonly number[],
  options: { asOf?: Date; baselines?: boolean; answers?: 'all' | 'latestLesson'; counts?: boolean } = {},
): Promise<{ conditions: NetworkCondition[]; ideas: IdeaRecord[] }> {
  const { asOf } = options;
  const [ideas, cycles, sites, measures, conditions, history, drivers] = await Promise.all([
    changeIdeasOf(trx, network.id, ideaIds),
    loadIdeaCycles(trx, network.id, ideaIds, asOf, { counts: options.counts !== false }),
    trx.selectFrom('sites').select(['id', 'name']).where('network_id', '=', network.id).execute(),
    trx
      .selectFrom('measures')
      .select(['id', 'name', 'kind', 'unit', 'better'])
      .where('network_id', '=', network.id)
      .execute(),
    loadConditions(trx, network.id),
    historyOfNetwork(trx, network.id),
    driverLabelsOfIdeas(trx, network.id),
  ]);
  const siteName = new Map(sites.map((s) => [s.id, s.name]));
  // One object per measure, shared by its cycles.
  const measureOf = new Map(measures.map((m) => [m.id, m]));
  const kept: number[] = [];
  for (let i = 0; i < cycles.length; i++)
    if (siteName.has(cycles.siteId[i]!) && measureOf.has(cycles.measureId[i]!)) kept.push(i);
  const withResults = () =>
    kept
      .filter((i) => cycles.rv[i] !== null)
      .map((i) => ({
        cycleId: cycles.id[i]!,
        siteId: cycles.siteId[i]!,
        measureId: cycles.measureId[i]!,
        kind: measureOf.get(cycles.measureId[i]!)!.kind,
        startsOn: cycles.startsOn[i]!,
      }));
  // Places in `cycles`, not copies: a long history is tens of thousands.
  const newestFirst = new Map<number, number[]>();
  for (let k = kept.length - 1; k >= 0; k--) {
    const i = kept[k]!;
    const list = newestFirst.get(cycles.ideaId[i]!);
    if (list) list.push(i);
    else newestFirst.set(cycles.ideaId[i]!, [i]);
  }
  const [baselines, answers] = await Promise.all([
    options.baselines === false
      ? new Map<number, number | null>()
      : loadBaselines(trx, network.id, network.time_zone, withResults()),
    loadCycleAnswers(trx, cycles, [...newestFirst.values()], {
      ...(asOf ? { asOf } : {}),
      ...(options.answers === 'latestLesson' ? { latestLessons: 1 } : {}),
    }),
  ]);
  const valuesOn = valuesOnFrom(history, conditions);
  const byIdea = new Map<number, EvidenceCycle[]>();
  for (const i of kept) {
    const id = cycles.id[i]!;
    const siteId = cycles.siteId[i]!;
    const startsOn = cycles.startsOn[i]!;
    const answer = answers.get(id);
    const cycle: EvidenceCycle = {
      cycleId: cycles.number[i]!,
      siteId,
      site: siteName.get(siteId)!,
      startsOn,
      closed: cycles.closed[i]!,
      decision: cycles.decision[i]!,
      measure: measureOf.get(cycles.measureId[i]!)!,
      predicted: measurement(
        cycles.pv[i]!,
        cycles.pn[i]!,
        cycles.pd[i]!,
        answer?.predictionApproximate ?? false,
      ),
      result: measurement(cycles.rv[i]!, cycles.rn[i]!, cycles.rd[i]!, answer?.resultApproximate ?? false),
      baseline: baselines.get(id) ?? null,
      learned: answer?.learned?.trim() ? answer.learned : null,
      nextStep: answer?.nextStep?.trim() ? answer.nextStep : null,
      values: valuesOn(siteId, startsOn),
    };
    const list = byIdea.get(cycles.ideaId[i]!);
    if (list) list.push(cycle);
    else byIdea.set(cycles.ideaId[i]!, [cycle]);
  }
  return {
    conditions,
    ideas: ideas.map((i) => ({
      id: i.id,
      number: i.number,
      text: i.text,
      driver: drivers.get(i.id) || null,
      cycles: byIdea.get(i.id) ?? [],
    })),
  };
}
