import { type Kysely, sql } from 'kysely';

// Indexes for what a network has learned (src/learning): the monthly
// "What we're learning" and `/pdsa learnings` read every cycle of an idea
// with its answered Plan, Study and Act, and the Study answers of a month.
// Without them each of those reads the whole of `checkins` once per phase,
// so a year of a large network cost seconds.

export async function up(db: Kysely<unknown>): Promise<void> {
  // A cycle's answered Plan, Study and Act: a third of the check-ins, by
  // cycle. Covering for the figures (and the row, to tell two answers of a
  // cycle apart), so a prediction or a result is read from the index; only
  // the lessons' text visits the table.
  await sql`
    create index checkins_outcomes_idx on checkins (cycle_id, phase)
      include (id, value, numerator, denominator, answered_at)
      where status = 'answered' and phase in ('plan', 'study', 'act')`.execute(db);

  // The Study answers recorded in a window (the new results of the month),
  // whether or not they carry a figure.
  await sql`
    create index checkins_study_answered_idx on checkins (answered_at) include (cycle_id)
      where status = 'answered' and phase = 'study'`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index if exists checkins_study_answered_idx`.execute(db);
  await sql`drop index if exists checkins_outcomes_idx`.execute(db);
}
