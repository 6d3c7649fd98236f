import { sql } from 'kysely';
import type { Trx } from '../db/trx.ts';

// What only the answers of a cycle hold, not their figures: the Study's
// lesson ("what we learned"), the Act's next step, and whether the
// prediction or the result was typed as approximate ("~18/24"). Read apart
// from the figures, and only for the cycles that show them: the figures
// come from an index, the answers only from the table.

/**
 * Cycles with the rows of their first answered Plan and Study (as known
 * then), one array per column (src/learning/idea-cycles.ts): a cycle is
 * its place in them.
 */
export type AnsweredCycles = {
  id: readonly number[];
  planId: readonly (number | null)[];
  studyId: readonly (number | null)[];
};

export type CycleAnswers = {
  learned: string | null;
  nextStep: string | null;
  predictionApproximate: boolean;
  resultApproximate: boolean;
};

/** The answers of the cycles at places `which`, by cycle id; the next step only when decided before `asOf`. */
async function readAnswers(
  trx: Trx,
  cycles: AnsweredCycles,
  which: readonly number[],
  asOf: Date | undefined,
) {
  const answers = new Map<number, CycleAnswers>();
  if (which.length === 0) return answers;
  const nextStep =
    asOf === undefined
      ? sql`act.answer->>'nextStep'`
      : sql`case when cycles.decided_at < ${asOf} then act.answer->>'nextStep' end`;
  // Arrays, one parameter each however many cycles: a list of parameters stops at 65,535.
  const { rows } = await sql<{
    cycleId: number;
    learned: string | null;
    nextStep: string | null;
    pa: boolean | null;
    ra: boolean | null;
  }>`
    select a.cycle_id as "cycleId",
           study.answer->>'learned' as learned,
           ${nextStep} as "nextStep",
           plan.answer->'prediction'->>'approximate' = 'true' as pa,
           study.answer->'result'->>'approximate' = 'true' as ra
    from unnest(${which.map((i) => cycles.id[i])}::int[], ${which.map((i) => cycles.planId[i])}::int[],
                ${which.map((i) => cycles.studyId[i])}::int[]) as a (cycle_id, plan_id, study_id)
    join cycles on cycles.id = a.cycle_id
    left join checkins plan on plan.id = a.plan_id
    left join checkins study on study.id = a.study_id
    -- A cycle whose owner changed can have two answered Acts: the first counts.
    left join lateral (
      select answer from checkins
      where cycle_id = a.cycle_id and phase = 'act' and status = 'answered'
      order by id limit 1
    ) act on true`.execute(trx);
  for (const r of rows)
    answers.set(r.cycleId, {
      learned: r.learned,
      nextStep: r.nextStep,
      predictionApproximate: r.pa === true,
      resultApproximate: r.ra === true,
    });
  return answers;
}

const hasText = (text: string | null) => Boolean(text?.trim());

/**
 * The answers of the cycles of each idea (each a list of places in
 * `cycles`, newest first), by cycle id. Without `latestLessons`, of every
 * cycle. With it, of each idea's last cycles up to that many lessons, read
 * a few at a time from the newest (a lesson left blank is skipped, as everywhere lessons are
 * shown); the other cycles' answers are not read.
 */
export async function loadCycleAnswers(
  trx: Trx,
  cycles: AnsweredCycles,
  newestFirst: readonly (readonly number[])[],
  options: { asOf?: Date; latestLessons?: number },
): Promise<Map<number, CycleAnswers>> {
  const { asOf, latestLessons: latest } = options;
  if (latest === undefined) return readAnswers(trx, cycles, newestFirst.flat(), asOf);
  const answers = new Map<number, CycleAnswers>();
  const batch = Math.max(4 * latest, 8);
  const studied = newestFirst.map((list) => list.filter((c) => cycles.studyId[c] !== null));
  const read = studied.map(() => 0);
  const found = studied.map(() => 0);
  for (;;) {
    const wanted = studied.flatMap((list, i) =>
      found[i]! < latest ? list.slice(read[i], read[i]! + batch) : [],
    );
    if (wanted.length === 0) return answers;
    const got = await readAnswers(trx, cycles, wanted, asOf);
    studied.forEach((list, i) => {
      if (found[i]! >= latest) return;
      for (const c of list.slice(read[i], read[i]! + batch)) {
        const answer = got.get(cycles.id[c]!);
        if (!answer || found[i]! >= latest) continue;
        answers.set(cycles.id[c]!, answer);
        if (hasText(answer.learned)) found[i] = found[i]! + 1;
      }
      read[i] = read[i]! + batch;
    });
  }
}
