import type { Decision, Phase } from '../core/domain.ts';
import { isoWeekBounds } from '../core/schedule/iso-week.ts';
import { addDays, localInstant } from '../core/schedule/local-time.ts';
import { DEMO_IDEAS, DEMO_SITES, type DemoSite } from './demo-content.ts';
import { type Random, seededRandom } from './prng.ts';

// What happened in the demo network, week by week, before any row is
// written: each site's weekly tally of students on time, and the PDSA cycles
// and check-ins that recorded it. Deterministic for a given seed and set of weeks.

export const DEMO_SEED = 161;
const FIGURE_WEEKS = 12;

export type Tally = { numerator: number; denominator: number };

export type PlannedCheckin = {
  /** 0 = the site's first educator (every cycle's owner), 1 = the second. */
  member: 0 | 1;
  phase: Phase;
  dueAt: Date;
  /** Null while it is still open. */
  answeredAt: Date | null;
  answer: Record<string, unknown> | null;
  figure: Tally | null;
};

export type PlannedCycle = {
  site: number;
  idea: number;
  startsOn: string;
  endsOn: string;
  createdAt: Date;
  phase: 'plan' | 'do' | 'study' | 'act' | 'closed';
  decision: Decision | null;
  closedAt: Date | null;
  question: string;
  checkins: PlannedCheckin[];
};

export type DemoPlan = {
  weeks: string[];
  tallies: (Tally | null)[][];
  cycles: PlannedCycle[];
  /** The site and member whose Do check-in of the last week is still unanswered. */
  overdue: { site: number; member: 1 };
  /** The site whose second educator removed the app, and since when. */
  unreachable: { site: number; member: 1; since: Date };
};

/** The chance of being on time at a site in week `w` (0..11), with the changes that worked. */
function chance(site: DemoSite, w: number): number {
  switch (site.story) {
    case 'sustained shift':
      // Greeting at the door, adopted after week 5, lifts Lincoln for good.
      return w < 6 ? site.base : site.base + 0.11;
    case 'breakfast':
      // Breakfast in the classroom starts in the last week.
      return w === FIGURE_WEEKS - 1 ? 0.94 : site.base;
    default:
      return site.base;
  }
}

function tallies(random: Random, weeks: readonly string[]): (Tally | null)[][] {
  return DEMO_SITES.map((site) =>
    weeks.map((_, w) => {
      if (site.story === 'late start' && w < 6) return null;
      const denominator = site.size - random.int(0, Math.floor(site.size * 0.05));
      return { numerator: random.binomial(denominator, chance(site, w)), denominator };
    }),
  );
}

/** The site's tally split between its two educators' classrooms. */
function split(t: Tally): [Tally, Tally] {
  const firstDen = Math.round(t.denominator * 0.55);
  const firstNum = Math.round((t.numerator * firstDen) / t.denominator);
  return [
    { numerator: firstNum, denominator: firstDen },
    { numerator: t.numerator - firstNum, denominator: t.denominator - firstDen },
  ];
}

const measurement = (t: Tally) => ({
  value: t.numerator / t.denominator,
  numerator: t.numerator,
  denominator: t.denominator,
});

/** Which weeks (0..12, 12 being the current one) each of a site's cycles spans. */
function cycleSpans(site: DemoSite): [number, number][] {
  const spans: [number, number][] = [];
  let start = site.story === 'late start' ? 6 : 0;
  if (site.offset === 1) {
    spans.push([0, 0]);
    start = 1;
  }
  for (; start < FIGURE_WEEKS; start += 2) spans.push([start, start + 1]);
  return spans;
}

function ideaFor(
  site: DemoSite,
  start: number,
  previous: { idea: number; decision: Decision | null } | null,
  random: Random,
): number {
  if (site.story === 'sustained shift') return start < 4 ? 2 : 0;
  if (site.story === 'breakfast' && start >= 10) return 1;
  if (previous && previous.decision !== 'abandon') return previous.idea;
  return random.pick([0, 0, 1, 2]);
}

function decisionFor(site: DemoSite, idea: number, start: number, random: Random): Decision {
  if (site.story === 'sustained shift') return idea === 2 ? 'abandon' : start < 6 ? 'adapt' : 'adopt';
  if (site.story === 'breakfast' && idea === 1) return 'adopt';
  const r = random.next();
  return r < 0.4 ? 'adopt' : r < 0.85 ? 'adapt' : 'abandon';
}

export function planDemo(weeks: readonly string[], zone: string, seed = DEMO_SEED): DemoPlan {
  if (weeks.length !== FIGURE_WEEKS) throw new RangeError(`the demo needs ${FIGURE_WEEKS} weeks`);
  const random = seededRandom(seed);
  const figures = tallies(random, weeks);
  const current = addDays(isoWeekBounds(weeks.at(-1)!, zone).startsOn, 7);
  const monday = (w: number) => (w < FIGURE_WEEKS ? isoWeekBounds(weeks[w]!, zone).startsOn : current);
  // Minutes past the hour as an offset, so that they may run past 59.
  const at = (w: number, weekday: number, hour: number, minutes: number) =>
    new Date(localInstant(addDays(monday(w), weekday - 1), hour, 0, zone).getTime() + minutes * 60_000);

  const overdueSite = DEMO_SITES.findIndex((s) => s.name === 'Riverside Middle');
  const cycles: PlannedCycle[] = [];
  DEMO_SITES.forEach((site, s) => {
    let previous: { idea: number; decision: Decision | null } | null = null;
    for (const [start, end] of cycleSpans(site)) {
      const idea = ideaFor(site, start, previous, random);
      const info = DEMO_IDEAS[idea]!;
      const inProgress = end >= FIGURE_WEEKS;
      const planAt = at(start, 1, 8, random.int(5, 90));
      const predicted = Math.min(
        0.98,
        chance(site, Math.max(0, start - 1)) + info.expectedLift + (random.next() - 0.5) * 0.08,
      );
      const prediction: Tally = { numerator: Math.round(predicted * site.size), denominator: site.size };
      const checkins: PlannedCheckin[] = [
        {
          member: 0,
          phase: 'plan',
          dueAt: at(start, 1, 8, 0),
          answeredAt: planAt,
          figure: prediction,
          answer: {
            question: `Will “${info.text.toLowerCase()}” get more students to class on time at ${site.name}?`,
            change: info.text,
            prediction: measurement(prediction),
            logistics: 'Both of us, every school day of the cycle, before the first bell.',
            dataCollection: 'A tally of students in the room at the bell, from the attendance screen.',
          },
        },
      ];
      // Do: each educator's share of the first week's tally ("data so far"), none in a one-week cycle.
      const first = figures[s]![start] ?? null;
      const parts = first && end > start ? split(first) : null;
      for (const member of [0, 1] as const) {
        const open = inProgress && s === overdueSite && member === 1;
        const part = parts?.[member] ?? null;
        checkins.push({
          member,
          phase: 'do',
          dueAt: at(start, 3, 8, 0),
          answeredAt: open ? null : at(start, 3, 15 + member, random.int(0, 50)),
          figure: open ? null : part,
          answer: open
            ? null
            : {
                asPlanned: random.pick(['yes', 'yes', 'partly']),
                ...(part ? { dataSoFar: measurement(part) } : {}),
              },
        });
      }
      let decision: Decision | null = null;
      let closedAt: Date | null = null;
      if (!inProgress) {
        const result = figures[s]![end]!;
        decision = decisionFor(site, idea, start, random);
        const lesson = random.pick(info.lessons[decision]);
        const studyAt = at(end, 5, 13, random.int(0, 90));
        closedAt = new Date(studyAt.getTime() + 6 * 60_000);
        const surprised = random.next() < 0.4 ? random.pick(info.surprises) : undefined;
        checkins.push(
          {
            member: 0,
            phase: 'study',
            dueAt: at(end, 5, 8, 0),
            answeredAt: studyAt,
            figure: result,
            answer: {
              result: measurement(result),
              learned: lesson.learned,
              ...(surprised ? { surprised } : {}),
            },
          },
          {
            member: 0,
            phase: 'act',
            dueAt: studyAt,
            answeredAt: closedAt,
            figure: null,
            answer: { decision, nextStep: lesson.nextStep },
          },
        );
      } else if (s !== overdueSite) {
        checkins.push({
          member: 0,
          phase: 'study',
          dueAt: at(end, 5, 8, 0),
          answeredAt: null,
          figure: null,
          answer: null,
        });
      }
      cycles.push({
        site: s,
        idea,
        startsOn: monday(start),
        endsOn: addDays(monday(end), 6),
        createdAt: at(start, 1, 7, 30),
        phase: inProgress ? (s === overdueSite ? 'do' : 'study') : 'closed',
        decision,
        closedAt,
        question: String(checkins[0]!.answer!.question),
        checkins,
      });
      previous = { idea, decision };
    }
  });

  return {
    weeks: [...weeks],
    tallies: figures,
    cycles,
    overdue: { site: overdueSite, member: 1 },
    unreachable: {
      site: DEMO_SITES.findIndex((s) => s.name === 'Jefferson High'),
      member: 1,
      since: at(FIGURE_WEEKS - 2, 2, 10, 0),
    },
  };
}
