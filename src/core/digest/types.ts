import type { Better, Decision, MeasureKind, Measurement, Phase } from '../domain.ts';

// The plain data a weekly digest is composed from. src/digest loads it from
// the database; everything here is JSON-safe (dates as ISO strings) so that
// the digest can be rebuilt from a stored copy and tested without a database.

export interface DigestMeasure {
  id: number;
  name: string;
  kind: MeasureKind;
  unit: string;
  better: Better;
}

export interface DigestSite {
  id: number;
  name: string;
}

/**
 * One site's figure for one ISO week of one measure: see
 * src/digest/weekly-series.ts for how it is made from check-ins.
 * `numerator` and `denominator` are set for proportions and counts when the
 * figures had them; `value` is their ratio, or the mean for value measures.
 */
export interface WeeklyFigure {
  measureId: number;
  siteId: number;
  week: string;
  value: number;
  numerator: number | null;
  denominator: number | null;
  /** How many check-in figures went into it. */
  figures: number;
}

export interface PredictionRecord {
  /** The cycle's number in its network, as people read and type it (not its row id). */
  cycleId: number;
  siteId: number;
  measureId: number;
  /** The ISO week the cycle started in: the weeks before it give the baseline. */
  startWeek: string;
  /** The ISO week the result was recorded in. */
  resultWeek: string;
  predicted: Measurement;
  result: Measurement;
  /** The Study answer "What surprised you?", when given. */
  surprised: string | null;
}

export interface DecisionRecord {
  /** The cycle's number in its network, as people read and type it (not its row id). */
  cycleId: number;
  siteId: number;
  /** The change idea's number in its network, as people read and type it (not its row id). */
  changeIdeaId: number;
  changeIdea: string;
  decision: Decision;
  /** Study: "What did you learn?" */
  learned: string | null;
  /** Act: "What is the next step?" */
  nextStep: string | null;
}

export interface OverdueCheckin {
  person: string;
  site: string | null;
  phase: Phase;
  /** The cycle's number in its network, as people read and type it (not its row id). */
  cycleId: number;
  dueAt: string;
}

export interface UnreachablePerson {
  person: string;
  site: string | null;
  reason: string | null;
  since: string;
}

export interface DigestData {
  network: { id: number; name: string; timeZone: string };
  /** The ISO week the digest reports on. */
  week: string;
  /** Its Monday and Sunday, 'YYYY-MM-DD'. */
  weekStartsOn: string;
  weekEndsOn: string;
  /** The weeks the series cover, oldest first, ending with `week`. */
  weeks: string[];
  /** When the "needs attention" lists were read. */
  asOf: string;
  sites: DigestSite[];
  measures: DigestMeasure[];
  figures: WeeklyFigure[];
  cycles: { active: number; started: number; completed: number; closedEarly: number };
  /** Check-ins due in the week per site: how many were asked, how many answered. */
  participation: { siteId: number; asked: number; answered: number }[];
  /** Cycles whose result was recorded within `weeks`, with their prediction. */
  predictions: PredictionRecord[];
  /** Decisions made in the week. */
  decisions: DecisionRecord[];
  overdue: { total: number; items: OverdueCheckin[] };
  unreachable: { total: number; items: UnreachablePerson[] };
}

/** A rendered chart to attach; made outside the core (src/digest/charts.ts). */
export interface ChartImage {
  measureId: number;
  pngBase64: string;
  fileName: string;
  alt: string;
  title: string;
}
