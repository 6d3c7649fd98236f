import { cycleOutcomesQuery } from '../bot/commands/cycle-outcomes.ts';
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

const measurement = (v: number | null, n: number | null, d: number | null): Measurement | null =>
  v === null ? null : { value: v, ...(n !== null && d !== null ? { numerator: n, denominator: d } : {}) };

const answerText = (answer: Record<string, unknown> | null | undefined, key: string): string | null => {
  const v = answer?.[key];
  return typeof v === 'string' && v.trim() !== '' ? v : null;
};

/** The values in force at a site on a day, as condition id → value id. */
export function valuesOn(
  history: readonly SiteConditionRange[],
  conditions: readonly NetworkCondition[],
  siteId: number,
  date: string,
) {
  const values: Record<number, number> = {};
  for (const c of conditions) {
    const range = rangeOn(
      history.filter((h) => h.siteId === siteId && h.conditionId === c.id),
      date,
    );
    if (range) values[c.id] = range.valueId;
  }
  return values;
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
 * was known at its end).
 */
export async function loadIdeaRecords(
  trx: Trx,
  network: NetworkRef,
  ideaIds?: readonly number[],
  asOf?: Date,
): Promise<{ conditions: NetworkCondition[]; ideas: IdeaRecord[] }> {
  let cyclesQuery = cycleOutcomesQuery(trx, network.id).select([
    'cycles.id',
    'cycles.number',
    'cycles.site_id as siteId',
    'sites.name as site',
    'cycles.starts_on as startsOn',
    'cycles.phase',
    'cycles.decision',
    'cycles.decided_at as decidedAt',
    'cycles.created_at as createdAt',
    'study.answered_at as resultAt',
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
    'study.answer as studyAnswer',
    'act.answer as actAnswer',
  ]);
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
  const before = (at: Date | null) => asOf === undefined || (at !== null && new Date(at) < asOf);
  const cycles = rows
    .filter((r) => !seen.has(r.id) && seen.add(r.id))
    .filter((r) => before(r.createdAt))
    .map((r) => {
      const known = { ...r };
      if (!before(r.resultAt)) Object.assign(known, { rv: null, rn: null, rd: null, studyAnswer: null });
      if (!before(r.decidedAt)) Object.assign(known, { decision: null, phase: 'act', actAnswer: null });
      return known;
    });
  const baselines = await loadBaselines(
    trx,
    network.id,
    network.time_zone,
    cycles
      .filter((c) => c.rv !== null)
      .map((c) => ({
        cycleId: c.number,
        siteId: c.siteId,
        measureId: c.measureId,
        kind: c.kind,
        startsOn: c.startsOn,
      })),
  );
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
      predicted: measurement(c.pv, c.pn, c.pd),
      result: measurement(c.rv, c.rn, c.rd),
      baseline: baselines.get(c.number) ?? null,
      learned: answerText(c.studyAnswer, 'learned'),
      nextStep: answerText(c.actAnswer, 'nextStep'),
      values: valuesOn(history, conditions, c.siteId, c.startsOn),
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
