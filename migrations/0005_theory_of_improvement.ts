import { type Kysely, sql } from 'kysely';

// The network's theory of improvement and the conditions of its sites, so
// that evidence can be read as "what works, for whom, under what conditions"
// (docs/architecture.md, "Drivers and conditions").
//
// - conditions, condition_values: what the network cares about (level:
//   elementary, middle, high) and the values each may take.
// - site_conditions: the value of a condition at a site over time, as
//   ranges [valid_from, valid_to): a cycle reads the values in force on its
//   first day. valid_from null means "since the site began"; valid_to null
//   means "still in force".
// - drivers: primary drivers (no parent) and secondary drivers (under a
//   primary one); a composite key keeps the tree two levels deep and inside
//   one network.
// - idea_drivers: the driver each change idea acts on (at most one).
//
// The free-text change_ideas.driver of earlier versions becomes drivers
// (primary ones: a facilitator can move them under another) and the column
// goes, so that a driver is written in one place only.

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table conditions (
      id integer generated always as identity primary key,
      network_id integer not null references networks (id) on delete cascade,
      name text not null check (length(name) between 1 and 40),
      created_at timestamptz not null default now()
    )`.execute(db);
  await sql`create unique index conditions_network_name_key on conditions (network_id, lower(name))`.execute(
    db,
  );

  await sql`
    create table condition_values (
      id integer generated always as identity primary key,
      condition_id integer not null references conditions (id) on delete cascade,
      value text not null check (length(value) between 1 and 60),
      created_at timestamptz not null default now(),
      unique (id, condition_id)
    )`.execute(db);
  await sql`
    create unique index condition_values_condition_value_key
      on condition_values (condition_id, lower(value))`.execute(db);

  // The value must be one of the condition's own (the composite key). Its
  // default NO ACTION is checked at the end of the statement, so deleting a
  // condition cascades to its values and its site rows together.
  await sql`
    create table site_conditions (
      id integer generated always as identity primary key,
      site_id integer not null references sites (id) on delete cascade,
      condition_id integer not null references conditions (id) on delete cascade,
      value_id integer not null,
      valid_from date,
      valid_to date,
      set_by integer references members (id) on delete set null,
      set_at timestamptz not null default now(),
      foreign key (value_id, condition_id) references condition_values (id, condition_id),
      check (valid_from is null or valid_to is null or valid_to > valid_from)
    )`.execute(db);
  // One value in force at a time.
  await sql`
    create unique index site_conditions_current_key on site_conditions (site_id, condition_id)
      where valid_to is null`.execute(db);
  await sql`create index site_conditions_condition_idx on site_conditions (condition_id)`.execute(db);

  // parent_kind is 'primary' whenever there is a parent, so the key
  // (parent_id, network_id, parent_kind) can only name a primary driver of
  // the same network: secondary drivers never nest.
  await sql`
    create table drivers (
      id integer generated always as identity primary key,
      network_id integer not null references networks (id) on delete cascade,
      kind text not null check (kind in ('primary', 'secondary')),
      parent_id integer,
      parent_kind text generated always as (case when parent_id is null then null else 'primary' end) stored,
      name text not null check (length(name) between 1 and 200),
      created_at timestamptz not null default now(),
      unique (id, network_id, kind),
      foreign key (parent_id, network_id, parent_kind) references drivers (id, network_id, kind),
      check ((kind = 'primary') = (parent_id is null))
    )`.execute(db);
  await sql`create unique index drivers_network_name_key on drivers (network_id, lower(name))`.execute(db);
  await sql`create index drivers_parent_idx on drivers (parent_id)`.execute(db);

  await sql`
    create table idea_drivers (
      change_idea_id integer primary key references change_ideas (id) on delete cascade,
      driver_id integer not null references drivers (id) on delete cascade,
      linked_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index idea_drivers_driver_idx on idea_drivers (driver_id)`.execute(db);

  // The free-text drivers: one driver per network and name (ignoring case
  // and surrounding spaces), named as first written.
  await sql`
    insert into drivers (network_id, kind, name)
    select distinct on (network_id, lower(btrim(driver))) network_id, 'primary', btrim(driver)
    from change_ideas
    where btrim(coalesce(driver, '')) <> ''
    order by network_id, lower(btrim(driver)), id`.execute(db);
  await sql`
    insert into idea_drivers (change_idea_id, driver_id)
    select i.id, d.id
    from change_ideas i
    join drivers d on d.network_id = i.network_id and lower(d.name) = lower(btrim(i.driver))`.execute(db);
  await sql`alter table change_ideas drop column driver`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table change_ideas add column driver text`.execute(db);
  await sql`
    update change_ideas i set driver = d.name
    from idea_drivers l join drivers d on d.id = l.driver_id
    where l.change_idea_id = i.id`.execute(db);
  for (const table of ['idea_drivers', 'drivers', 'site_conditions', 'condition_values', 'conditions']) {
    await sql`drop table if exists ${sql.table(table)}`.execute(db);
  }
}
