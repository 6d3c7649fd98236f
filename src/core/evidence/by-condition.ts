import type { NetworkCondition } from '../conditions/definitions.ts';
import type { Better, Decision, MeasureKind, Measurement } from '../domain.ts';
import { naturalCompare } from '../natural-order.ts';

// "What works, for whom, under what conditions": the cycles of one change
// idea grouped by the value of each condition in force at each site when
// the cycle began. Everything is counted (sites, cycles, decisions, results
// above or below their prediction), never turned into a percentage or a
// verdict: a network has a handful of sites per value, and the text says
// when there are too few to say anything.

/** Fewer sites than this under a value, and nothing is said about that value. */
export const MIN_SITES = 2;

export function tooFewSites(sites: number): boolean {
  return sites < MIN_SITES;
}

export type EvidenceMeasure = { id: number; name: string; kind: MeasureKind; unit: string; better: Better };

export type EvidenceCycle = {
  /** The cycle's number in the network, as people read it ("cycle #12"). */
  cycleId: number;
  siteId: number;
  site: string;
  startsOn: string;
  closed: boolean;
  decision: Decision | null;
  measure: EvidenceMeasure;
  predicted: Measurement | null;
  result: Measurement | null;
  /** The site's median weekly figure in the weeks before the cycle began, if it had figures then. */
  baseline: number | null;
  learned: string | null;
  nextStep: string | null;
  /** Condition id → value id in force at the site on `startsOn` (shared by the cycles begun there that day). */
  values: Readonly<Record<number, number>>;
};

export type ConditionInput = NetworkCondition;

/** Each site once, by its latest decision; a site with none yet is still testing. */
export type SiteDecisions = { adopt: number; adapt: number; abandon: number; testing: number };

export type MeasureResults = {
  measure: EvidenceMeasure;
  /** Result minus prediction, one per cycle that has both. */
  gaps: number[];
  /** Results set against their site's baseline. */
  better: number;
  worse: number;
  same: number;
  /** Results whose site had no figures before the cycle. */
  noBaseline: number;
};

export type GroupEvidence = {
  sites: string[];
  cycles: number;
  decisions: SiteDecisions;
  results: MeasureResults[];
};

export type ValueEvidence = GroupEvidence & { valueId: number; value: string; tooFew: boolean };

export type ConditionEvidence = {
  id: number;
  name: string;
  /** The values some site tested the idea under, in the condition's order. */
  tested: ValueEvidence[];
  /** The values no site tested it under. */
  untested: string[];
  /** Sites whose value was not recorded when they tested the idea. */
  unknown: string[];
};

export type Lesson = {
  cycleId: number;
  site: string;
  decision: Decision | null;
  learned: string;
  nextStep: string | null;
  /** The site's values at the time, in the order of the conditions. */
  values: string[];
};

export type IdeaEvidence = GroupEvidence & { conditions: ConditionEvidence[]; lessons: Lesson[] };

// ISO dates compare as plain strings; localeCompare is far slower on a long history.
const chronological = (a: EvidenceCycle, b: EvidenceCycle) =>
  a.startsOn < b.startsOn ? -1 : a.startsOn > b.startsOn ? 1 : a.cycleId - b.cycleId;

function siteDecisions(cycles: readonly EvidenceCycle[]): SiteDecisions {
  const latest = new Map<number, Decision | null>();
  for (const c of [...cycles].sort(chronological)) {
    if (c.decision !== null || !latest.has(c.siteId))
      latest.set(c.siteId, c.decision ?? latest.get(c.siteId) ?? null);
  }
  const tally: SiteDecisions = { adopt: 0, adapt: 0, abandon: 0, testing: 0 };
  for (const d of latest.values()) tally[d ?? 'testing'] += 1;
  return tally;
}

function compareToBaseline(c: EvidenceCycle): 'better' | 'worse' | 'same' | 'noBaseline' {
  if (c.baseline === null || c.result === null) return 'noBaseline';
  const diff = c.result.value - c.baseline;
  if (Math.abs(diff) < 1e-9) return 'same';
  return diff > 0 === (c.measure.better === 'higher') ? 'better' : 'worse';
}

function measureResults(cycles: readonly EvidenceCycle[]): MeasureResults[] {
  // Pushed, not copied: an idea can have tens of thousands of results.
  const byMeasure = new Map<number, EvidenceCycle[]>();
  for (const c of cycles) {
    if (c.result === null) continue;
    const own = byMeasure.get(c.measure.id);
    if (own) own.push(c);
    else byMeasure.set(c.measure.id, [c]);
  }
  return [...byMeasure.values()]
    .map((own) => {
      const r: MeasureResults = {
        measure: own[0]!.measure,
        gaps: [],
        better: 0,
        worse: 0,
        same: 0,
        noBaseline: 0,
      };
      for (const c of own) {
        if (c.predicted !== null) r.gaps.push(c.result!.value - c.predicted.value);
        r[compareToBaseline(c)] += 1;
      }
      return r;
    })
    .sort((a, b) => a.measure.id - b.measure.id);
}

function group(cycles: readonly EvidenceCycle[]): GroupEvidence {
  const sites = [...new Set(cycles.map((c) => c.site))].sort(naturalCompare);
  return { sites, cycles: cycles.length, decisions: siteDecisions(cycles), results: measureResults(cycles) };
}

/** The evidence on one idea: overall, then per condition and value, with its lessons, latest first. */
export function evidenceByCondition(
  cycles: readonly EvidenceCycle[],
  conditions: readonly ConditionInput[],
): IdeaEvidence {
  const byCondition = conditions.map((condition): ConditionEvidence => {
    const tested: ValueEvidence[] = [];
    const untested: string[] = [];
    for (const v of condition.values) {
      const under = cycles.filter((c) => c.values[condition.id] === v.id);
      if (under.length === 0) {
        untested.push(v.value);
        continue;
      }
      const g = group(under);
      tested.push({ ...g, valueId: v.id, value: v.value, tooFew: tooFewSites(g.sites.length) });
    }
    const unknown = [
      ...new Set(cycles.filter((c) => c.values[condition.id] === undefined).map((c) => c.site)),
    ].sort(naturalCompare);
    return { id: condition.id, name: condition.name, tested, untested, unknown };
  });
  const valueName = new Map(conditions.flatMap((c) => c.values.map((v) => [v.id, v.value] as const)));
  const lessons = [...cycles]
    .filter((c) => c.learned !== null && c.learned.trim() !== '')
    .sort((a, b) => chronological(b, a))
    .map((c) => ({
      cycleId: c.cycleId,
      site: c.site,
      decision: c.decision,
      learned: c.learned!,
      nextStep: c.nextStep,
      values: conditions
        .map((k) => c.values[k.id])
        .filter((id): id is number => id !== undefined)
        .map((id) => valueName.get(id) ?? ''),
    }));
  return { ...group(cycles), conditions: byCondition, lessons };
}
