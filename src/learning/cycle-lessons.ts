import { sql } from 'kysely';
import type { Trx } from '../db/trx.ts';

// The lessons of cycles: the text of each answered Study ("what we
// learned") and of its Act ("next step"). Read apart from the cycles' figures,
// and only for the cycles that show them: the figures come from an index,
// the answers' text only from the table.

/** A cycle whose Study was answered (as known then): `studyId` is that answer's row. */
export type StudiedCycle = { id: number; studyId: number };

export type LessonText = { learned: string | null; nextStep: string | null };

/** Per cycle, the Study's "learned" and, when decided before `asOf`, the Act's "next step". */
async function lessonTexts(trx: Trx, cycles: readonly StudiedCycle[], asOf: Date | undefined) {
  const texts = new Map<number, LessonText>();
  if (cycles.length === 0) return texts;
  const rows = await trx
    .selectFrom('checkins as study')
    .innerJoin('cycles', 'cycles.id', 'study.cycle_id')
    .leftJoin('checkins as act', (j) =>
      j
        .onRef('act.cycle_id', '=', 'study.cycle_id')
        .on('act.phase', '=', 'act')
        .on('act.status', '=', 'answered'),
    )
    // One array parameter, however many cycles: a list of parameters stops at 65,535.
    .where(sql<boolean>`study.id = any(${cycles.map((c) => c.studyId)})`)
    .select([
      'study.cycle_id as cycleId',
      sql<string | null>`study.answer->>'learned'`.as('learned'),
      (asOf === undefined
        ? sql<string | null>`act.answer->>'nextStep'`
        : sql<string | null>`case when cycles.decided_at < ${asOf} then act.answer->>'nextStep' end`
      ).as('nextStep'),
    ])
    // A cycle whose owner changed can have two answered Acts: the first counts.
    .orderBy('act.id')
    .execute();
  for (const r of rows)
    if (!texts.has(r.cycleId)) texts.set(r.cycleId, { learned: r.learned, nextStep: r.nextStep });
  return texts;
}

const hasText = (text: string | null) => Boolean(text?.trim());

/**
 * The lesson texts of these cycles, by cycle id. Without `latest`, of every
 * cycle. With it, of each idea's `latest` last cycles that have a lesson
 * (each list newest first), read a few at a time from the newest: a lesson
 * left blank is skipped, as everywhere lessons are shown.
 */
export async function loadLessonTexts(
  trx: Trx,
  newestFirst: readonly (readonly StudiedCycle[])[],
  options: { asOf?: Date; latest?: number },
): Promise<Map<number, LessonText>> {
  const { asOf, latest } = options;
  if (latest === undefined) return lessonTexts(trx, newestFirst.flat(), asOf);
  const texts = new Map<number, LessonText>();
  const batch = Math.max(4 * latest, 8);
  const read = newestFirst.map(() => 0);
  const found = newestFirst.map(() => 0);
  for (;;) {
    const wanted = newestFirst.flatMap((list, i) =>
      found[i]! < latest ? list.slice(read[i], read[i]! + batch) : [],
    );
    if (wanted.length === 0) return texts;
    const got = await lessonTexts(trx, wanted, asOf);
    newestFirst.forEach((list, i) => {
      if (found[i]! >= latest) return;
      for (const c of list.slice(read[i], read[i]! + batch)) {
        const text = got.get(c.id);
        if (!text || found[i]! >= latest) continue;
        texts.set(c.id, text);
        if (hasText(text.learned)) found[i] = found[i]! + 1;
      }
      read[i] = read[i]! + batch;
    });
  }
}
