import { sql } from 'kysely';
import type { Db } from '../../src/db/connect.ts';

// A large network written with INSERT … SELECT generate_series, so half a
// million check-ins take seconds. Runs in a fresh schema: identities start
// at 1, which the statements rely on (member i belongs to site ⌈i / 20⌉).
//
// Every week each site starts ten two-week cycles, each with its owner and
// five more of the site's twenty educators: a Plan (prediction), six Do
// check-ins ("data so far" for each educator's class), a Study (the site's
// result) and an Act (decision), about 9 check-ins per cycle.

export type BenchShape = { sites: number; membersPerSite: number; weeks: number; cyclesPerSiteWeek: number };

export const BENCH_ZONE = 'America/Chicago';
/** Monday 00:00 in Chicago of the first week. */
const T0 = '2025-01-06T06:00:00Z';

/** The Monday after the last week, 09:00 in Chicago: its digest reports on the last week. */
export function benchNow(shape: BenchShape): Date {
  return new Date(new Date(T0).getTime() + (shape.weeks * 7 * 24 + 9) * 3_600_000);
}

export async function seedBench(db: Db, shape: BenchShape): Promise<number> {
  const { sites, membersPerSite: per, weeks, cyclesPerSiteWeek: perWeek } = shape;
  const t0 = sql.lit(T0);
  const last = weeks - 1;
  await sql`select setseed(0.42)`.execute(db);
  await sql`insert into networks (name, time_zone) values ('Bench NIC', ${BENCH_ZONE})`.execute(db);
  await sql`
    insert into sites (network_id, name)
    select 1, 'Site ' || lpad(i::text, 3, '0') from generate_series(1, ${sites}) i`.execute(db);
  await sql`
    insert into people (platform, workspace_id, platform_user_id, display_name)
    select 'shell', 'bench', 'u' || i, 'Person ' || i from generate_series(1, ${sites * per}) i`.execute(db);
  await sql`
    insert into members (network_id, person_id, site_id, role)
    select 1, i, (i - 1) / ${per} + 1, 'educator' from generate_series(1, ${sites * per}) i`.execute(db);
  await sql`
    insert into measures (network_id, name, kind, unit, better)
    values (1, 'Students on time', 'proportion', 'students', 'higher')`.execute(db);
  await sql`
    insert into change_ideas (network_id, text)
    select 1, 'Change idea ' || i from generate_series(1, 5) i`.execute(db);

  // Cycles: the ones started in the last week are still running (Study not yet due).
  await sql`
    insert into cycles (network_id, site_id, owner_member_id, change_idea_id, measure_id, question,
                        starts_on, ends_on, phase, decision, decided_at, closed_at, created_at)
    select 1, s, (s - 1) * ${per} + (k % ${per}) + 1, k % 5 + 1, 1, 'Bench question',
           (${t0}::timestamptz + make_interval(days => w * 7))::date,
           (${t0}::timestamptz + make_interval(days => w * 7 + 13))::date,
           case when w = ${last} then 'study' else 'closed' end,
           case when w = ${last} then null else (array['adopt', 'adapt', 'abandon'])[1 + (s + k + w) % 3] end,
           case when w = ${last} then null else ${t0}::timestamptz + make_interval(days => w * 7 + 11, hours => 13, mins => 10) end,
           case when w = ${last} then null else ${t0}::timestamptz + make_interval(days => w * 7 + 11, hours => 13, mins => 10) end,
           ${t0}::timestamptz + make_interval(days => w * 7, hours => 7)
    from generate_series(0, ${last}) w, generate_series(1, ${sites}) s, generate_series(0, ${perWeek - 1}) k`.execute(
    db,
  );

  // A cycle's week, from its start date.
  const week = sql`((c.starts_on - (${t0}::timestamptz)::date) / 7)`;
  const size = sql`(40 + (c.site_id * 560) / ${sites})`;
  await sql`
    insert into cycle_participants (cycle_id, member_id)
    select c.id, (c.site_id - 1) * ${per} + ((c.owner_member_id - 1) % ${per} + j) % ${per} + 1
    from cycles c, generate_series(0, 5) j`.execute(db);
  await sql`
    insert into checkins (cycle_id, member_id, phase, status, due_at, prompted_at, answered_at, answer,
                          value, numerator, denominator, version)
    select c.id, c.owner_member_id, 'plan', 'answered',
           ${t0}::timestamptz + make_interval(days => ${week} * 7, hours => 14),
           ${t0}::timestamptz + make_interval(days => ${week} * 7, hours => 14),
           ${t0}::timestamptz + make_interval(days => ${week} * 7, hours => 14, mins => 30),
           '{}'::jsonb, p.n::float8 / ${size}, p.n, ${size}, 1
    from cycles c, lateral (select floor(${size} * (0.7 + random() * 0.2)) as n) p`.execute(db);
  await sql`
    insert into checkins (cycle_id, member_id, phase, status, due_at, prompted_at, answered_at, answer,
                          value, numerator, denominator, version)
    select c.id, cp.member_id, 'do', 'answered',
           ${t0}::timestamptz + make_interval(days => ${week} * 7 + 2, hours => 14),
           ${t0}::timestamptz + make_interval(days => ${week} * 7 + 2, hours => 14),
           ${t0}::timestamptz + make_interval(days => ${week} * 7 + 2, hours => 21),
           '{"asPlanned": "yes"}'::jsonb, f.n::float8 / f.d, f.n, f.d, 1
    from cycles c
    join cycle_participants cp on cp.cycle_id = c.id,
    lateral (select 20 + c.site_id % 7 as d) d,
    lateral (select d.d, least(d.d, floor(d.d * (0.55 + c.site_id % 10 * 0.02 + random() * 0.2))) as n) f`.execute(
    db,
  );
  await sql`
    insert into checkins (cycle_id, member_id, phase, status, due_at, prompted_at, answered_at, answer,
                          value, numerator, denominator, version)
    select c.id, c.owner_member_id, 'study',
           case when c.phase = 'closed' then 'answered' else 'open' end,
           ${t0}::timestamptz + make_interval(days => ${week} * 7 + 11, hours => 14),
           case when c.phase = 'closed' then ${t0}::timestamptz + make_interval(days => ${week} * 7 + 11, hours => 14) end,
           case when c.phase = 'closed' then ${t0}::timestamptz + make_interval(days => ${week} * 7 + 11, hours => 19) end,
           case when c.phase = 'closed' then jsonb_build_object('learned', 'What cycle ' || c.id || ' taught us') end,
           case when c.phase = 'closed' then f.n::float8 / ${size} end,
           case when c.phase = 'closed' then f.n end,
           case when c.phase = 'closed' then ${size} end,
           case when c.phase = 'closed' then 1 else 0 end
    from cycles c,
    lateral (select floor(${size} * (0.6 + c.site_id % 10 * 0.02 + random() * 0.1)) as n) f`.execute(db);
  await sql`
    insert into checkins (cycle_id, member_id, phase, status, due_at, prompted_at, answered_at, answer, version)
    select c.id, c.owner_member_id, 'act', 'answered', c.closed_at, c.closed_at, c.closed_at,
           jsonb_build_object('decision', c.decision, 'nextStep', 'Next step after cycle ' || c.id), 1
    from cycles c where c.phase = 'closed'`.execute(db);
  await sql`vacuum analyze`.execute(db);
  const { rows } = await sql<{ n: number }>`select count(*)::int as n from checkins`.execute(db);
  return rows[0]!.n;
}
