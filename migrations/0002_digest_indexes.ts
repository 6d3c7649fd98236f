import { type Kysely, sql } from 'kysely';

// Indexes for the weekly digest (src/digest), so that building it reads only
// the weeks it shows (a window of recent weeks), never a network's whole
// history: its cost grows with the number of sites, not with the years.

export async function up(db: Kysely<unknown>): Promise<void> {
  // The weekly series (src/digest/weekly-series.ts) reads the Do and Study
  // figures answered within the weeks shown. Partial, so it holds only rows
  // that carry a figure; covering, so the aggregate needs no table visit;
  // answered_at first, so the weeks shown are one range whatever the history.
  await sql`
    create index checkins_figures_answered_idx on checkins (answered_at)
      include (cycle_id, phase, value, numerator, denominator)
      where value is not null and phase in ('do', 'study')`.execute(db);

  // The predictions read the Study results alone: a seventh of those rows.
  await sql`
    create index checkins_results_answered_idx on checkins (answered_at)
      include (cycle_id, value, numerator, denominator)
      where value is not null and phase = 'study'`.execute(db);

  // The prediction of each of those results: a cycle's Plan figure.
  await sql`
    create index checkins_plan_figure_idx on checkins (cycle_id)
      include (value, numerator, denominator, answered_at)
      where phase = 'plan' and value is not null`.execute(db);

  // Check-ins asked (due) in the digest's week, for participation per site.
  await sql`create index checkins_due_idx on checkins (due_at) include (cycle_id, answered_at)`.execute(db);

  // Overdue check-ins: open ones only, a small set at any time.
  await sql`create index checkins_open_due_idx on checkins (due_at) where status = 'open'`.execute(db);

  // Cycles started, closed and decided in the week, per network.
  await sql`create index cycles_network_starts_idx on cycles (network_id, starts_on)`.execute(db);
  await sql`create index cycles_network_closed_idx on cycles (network_id, closed_at)`.execute(db);
  await sql`create index cycles_network_decided_idx on cycles (network_id, decided_at) where decided_at is not null`.execute(
    db,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const index of [
    'cycles_network_decided_idx',
    'cycles_network_closed_idx',
    'cycles_network_starts_idx',
    'checkins_open_due_idx',
    'checkins_due_idx',
    'checkins_plan_figure_idx',
    'checkins_results_answered_idx',
    'checkins_figures_answered_idx',
  ]) {
    await sql`drop index if exists ${sql.id(index)}`.execute(db);
  }
}
