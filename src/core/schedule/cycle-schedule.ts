import type { Phase } from '../domain.ts';
import { addDays, daysBetween } from './local-time.ts';
import { clampToAllowedTime, nextSchoolDay, promptTimeOn, type SchoolCalendar } from './school-calendar.ts';

export type PlannedPrompt = { phase: Phase; date: string; at: Date };

// The four check-ins of one cycle, in phase order: Plan on the first school
// day from the start, Study on the first from the end, Do on the first from
// the middle calendar date (rounded down) but never outside Plan..Study, and
// Act with Study, because it is sent once the Study answer is in. Either all
// four, or none when the calendar has no school day to put them on.
export function planCyclePrompts(
  cycle: { startsOn: string; endsOn: string },
  cal: SchoolCalendar,
): PlannedPrompt[] {
  const length = daysBetween(cycle.startsOn, cycle.endsOn);
  if (length < 0) throw new RangeError(`cycle ends (${cycle.endsOn}) before it starts (${cycle.startsOn})`);
  const plan = nextSchoolDay(cycle.startsOn, cal, { inclusive: true });
  const study = nextSchoolDay(cycle.endsOn, cal, { inclusive: true });
  if (plan === null || study === null) return [];
  // Moving forward from a date between start and end lands between Plan and
  // Study already; the fallback only matters when the search gave up from the
  // midpoint but not from the end.
  const middle = nextSchoolDay(addDays(cycle.startsOn, Math.floor(length / 2)), cal, { inclusive: true });
  const doDay = middle !== null && middle <= study ? middle : study;
  const studyAt = promptTimeOn(study, cal);
  return [
    { phase: 'plan', date: plan, at: promptTimeOn(plan, cal) },
    { phase: 'do', date: doDay, at: promptTimeOn(doDay, cal) },
    { phase: 'study', date: study, at: studyAt },
    { phase: 'act', date: study, at: new Date(studyAt) },
  ];
}

// Nudges after an unanswered prompt: each at least `delayHours` of elapsed
// time after the one before (the first after the prompt), then held back to
// the member's next prompt time if it lands on a day off or in quiet hours.
// Fewer than maxCount when the calendar runs out of school days.
export function reminderTimes(
  firstPromptAt: Date,
  cal: SchoolCalendar,
  opts: { delayHours: number; maxCount: number },
): Date[] {
  if (!(opts.delayHours > 0) || !Number.isFinite(opts.delayHours)) {
    throw new RangeError(`reminder delay must be a positive number of hours: ${opts.delayHours}`);
  }
  if (!Number.isInteger(opts.maxCount) || opts.maxCount < 0) {
    throw new RangeError(`reminder count must be a whole number: ${opts.maxCount}`);
  }
  const times: Date[] = [];
  let previous = firstPromptAt;
  while (times.length < opts.maxCount) {
    const next = clampToAllowedTime(new Date(previous.getTime() + opts.delayHours * 3_600_000), cal);
    if (next === null) break;
    times.push(next);
    previous = next;
  }
  return times;
}
