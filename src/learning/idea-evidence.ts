import { sql } from 'kysely';
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

/** A recorded figure; only its answer keeps whether it was typed as approximate ("~18/24"). */
const measurement = (
  v: number | null,
  n: number | null,
  d: number | null,
  approximate: boolean | null,
): Measurement | null =>
  v === null
    ? null
    : {
        value: v,
        ...(n !== null && d !== null ? { numerator: n, denominator: d } : {}),
        ...(approximate ? { approximate } : {}),
      };

/** The values in force at a site on a day, as condition id → value id. */
export type ValuesOn = (siteId: number, date: string) => Record<number, number>;

/** Looks values up in a network's history, indexed once by site and condition. */
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
  return (siteId, date) => {
    const values: Record<number, number> = {};
    for (const c of conditions) {
      const range = rangeOn(ranges.get(`${siteId}:${c.id}`) ?? [], date);
      if (range) values[c.id] = range.valueId;
    }
    return values;
  };
}

/**
 * The cycles of a network with what the evidence needs: their site and
 * measure, and the answered Plan (prediction), Study (result, lesson) and
 * Act (next step). Reads cycles and check-ins as the learnings do, taking
 * only the lesson's text out of each answer.
 */
function ideaCyclesQuery(trx: Trx, networkId: number) {
  return trx
    .selectFrom('cycles')
    .innerJoin('sites', 'sites.id', 'cycles.site_id')
    .innerJoin('measures', 'measures.id', 'cycles.measure_id')
    .leftJoin('checkins as plan', (j) =>
      j
        .onRef('plan.cycle_id', '=', 'cycles.id')
        .on('plan.phase', '=', 'plan')
        .on('plan.status', '=', 'answered'),
    )
    .leftJoin('checkins as study', (j) =>
      j
        .onRef('study.cycle_id', '=', 'cycles.id')
        .on('study.phase', '=', 'study')
        .on('study.status', '=', 'answered'),
    )
    .leftJoin('checkins as act', (j) =>
      j.onRef('act.cycle_id', '=', 'cycles.id').on('act.phase', '=', 'act').on('act.status', '=', 'answered'),
    )
    .where('cycles.network_id', '=', networkId)
    .select([
      'cycles.id',
      'cycles.number',
      'cycles.site_id as siteId',
      'sites.name as site',
      'cycles.starts_on as startsOn',
      'cycles.phase',
      'cycles.decision',
      // Seconds rather than Dates: parsing tens of thousands of timestamps showed in the time taken.
      sql<number | null>`extract(epoch from cycles.decided_at)::float8`.as('decidedAt'),
      sql<number>`extract(epoch from cycles.created_at)::float8`.as('createdAt'),
      sql<number | null>`extract(epoch from study.answered_at)::float8`.as('resultAt'),
      'cycles.change_idea_id as ideaId',
      'measures.id as measureId',
      'measures.name as measureName',
      'measures.kind',
      'measures.unit',
      'measures.better',
      'plan.value as pv',
      'plan.numerator as pn',
      'plan.denominator as pd',
      'study.value as rv',
      'study.numerator as rn',
      'study.denominator as rd',
      sql<boolean | null>`plan.answer->'prediction'->>'approximate' = 'true'`.as('pa'),
      sql<boolean | null>`study.answer->'result'->>'approximate' = 'true'`.as('ra'),
      sql<string | null>`study.answer->>'learned'`.as('learned'),
      sql<string | null>`act.answer->>'nextStep'`.as('nextStep'),
    ]);
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
 * each cycle, for answers that do not show them.
 */
export async function loadIdeaRecords(
  trx: Trx,
  network: NetworkRef,
  ideaIds?: readonly number[],
  options: { asOf?: Date; baselines?: boolean } = {},
): Promise<{ conditions: NetworkCondition[]; ideas: IdeaRecord[] }> {
  const { asOf } = options;
  let cyclesQuery = ideaCyclesQuery(trx, network.id);
  if (ideaIds)
    cyclesQuery = cyclesQuery.where('cycles.change_idea_id', 'in', ideaIds.length ? [...ideaIds] : [-1]);
  const [ideas, rows, conditions, history, drivers] = await Promise.all([
    changeIdeasOf(trx, network.id, ideaIds),
    cyclesQuery.orderBy('cycles.starts_on').orderBy('cycles.id').execute(),
    loadConditions(trx, network.id),
    historyOfNetwork(trx, network.id),
    driverLabelsOfIdeas(trx, network.id),
  ]);
  // A cycle whose owner changed can have two answered Plans: the first row of each cycle counts.
  const seen = new Set<number>();
  const asOfSeconds = asOf === undefined ? undefined : asOf.getTime() / 1000;
  const before = (at: number | null) => asOfSeconds === undefined || (at !== null && at < asOfSeconds);
  const cycles = rows
    .filter((r) => !seen.has(r.id) && seen.add(r.id))
    .filter((r) => before(r.createdAt))
    .map((r) => {
      const known = { ...r };
      if (!before(r.resultAt))
        Object.assign(known, { rv: null, rn: null, rd: null, ra: null, learned: null });
      if (!before(r.decidedAt)) Object.assign(known, { decision: null, phase: 'act', nextStep: null });
      return known;
    });
  const withResults = cycles
    .filter((c) => c.rv !== null)
    .map((c) => ({
      cycleId: c.id,
      siteId: c.siteId,
      measureId: c.measureId,
      kind: c.kind,
      startsOn: c.startsOn,
    }));
  const baselines =
    options.baselines === false
      ? new Map<number, number | null>()
      : await loadBaselines(trx, network.id, network.time_zone, withResults);
  const valuesOn = valuesOnFrom(history, conditions);
  const byIdea = new Map<number, EvidenceCycle[]>();
  for (const c of cycles) {
    const list = byIdea.get(c.ideaId) ?? [];
    list.push({
      cycleId: c.number,
      siteId: c.siteId,
      site: c.site,
      startsOn: c.startsOn,
      closed: c.phase === 'closed',
      decision: c.decision,
      measure: { id: c.measureId, name: c.measureName, kind: c.kind, unit: c.unit, better: c.better },
      predicted: measurement(c.pv, c.pn, c.pd, c.pa),
      result: measurement(c.rv, c.rn, c.rd, c.ra),
      baseline: baselines.get(c.id) ?? null,
      learned: c.learned?.trim() ? c.learned : null,
      nextStep: c.nextStep?.trim() ? c.nextStep : null,
      values: valuesOn(c.siteId, c.startsOn),
    });
    byIdea.set(c.ideaId, list);
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
