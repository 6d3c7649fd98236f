import { type Kysely, sql } from 'kysely';

// The whole data model of docs/architecture.md. Enumerations are CHECK
// constraints rather than Postgres enums so that a later migration can widen
// them with a plain ALTER, inside a transaction, on PGlite and the server alike.

const PLATFORMS = `('slack', 'teams', 'shell')`;

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('installations')
    .addColumn('id', 'integer', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('platform', 'text', (c) => c.notNull().check(sql.raw(`platform in ${PLATFORMS}`)))
    .addColumn('workspace_id', 'text', (c) => c.notNull())
    .addColumn('enterprise_id', 'text')
    .addColumn('name', 'text')
    // Slack OAuth installations (tokens) or a Teams service URL; never logged.
    .addColumn('credentials', 'jsonb')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('installations_platform_workspace_key', ['platform', 'workspace_id'])
    .execute();

  await db.schema
    .createTable('networks')
    .addColumn('id', 'integer', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('name', 'text', (c) => c.notNull().check(sql`length(name) between 1 and 120`))
    .addColumn('aim', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('time_zone', 'text', (c) => c.notNull())
    .addColumn('digest_weekday', 'integer', (c) =>
      c.notNull().defaultTo(1).check(sql`digest_weekday between 1 and 7`),
    )
    .addColumn('digest_hour', 'integer', (c) =>
      c.notNull().defaultTo(8).check(sql`digest_hour between 0 and 23`),
    )
    .addColumn('digest_platform', 'text', (c) => c.check(sql.raw(`digest_platform in ${PLATFORMS}`)))
    .addColumn('digest_address', 'jsonb')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await sql`create unique index networks_name_key on networks (lower(name))`.execute(db);

  await db.schema
    .createTable('sites')
    .addColumn('id', 'integer', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('network_id', 'integer', (c) => c.notNull().references('networks.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull().check(sql`length(name) between 1 and 120`))
    .addColumn('time_zone', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await sql`create unique index sites_network_name_key on sites (network_id, lower(name))`.execute(db);

  await db.schema
    .createTable('site_breaks')
    .addColumn('id', 'integer', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('site_id', 'integer', (c) => c.notNull().references('sites.id').onDelete('cascade'))
    .addColumn('starts_on', 'date', (c) => c.notNull())
    .addColumn('ends_on', 'date', (c) => c.notNull())
    .addColumn('label', 'text')
    .addCheckConstraint('site_breaks_range_check', sql`ends_on >= starts_on`)
    .execute();

  // A person is one chat identity (per platform and workspace or tenant); a
  // member is that person's place in a network. Splitting them lets the bot
  // keep a Teams conversation reference, a Slack DM channel and a time zone
  // for someone who has not joined a network yet (install before invite).
  await db.schema
    .createTable('people')
    .addColumn('id', 'integer', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('platform', 'text', (c) => c.notNull().check(sql.raw(`platform in ${PLATFORMS}`)))
    .addColumn('workspace_id', 'text', (c) => c.notNull())
    .addColumn('platform_user_id', 'text', (c) => c.notNull())
    .addColumn('display_name', 'text', (c) => c.notNull())
    .addColumn('time_zone', 'text')
    .addColumn('address', 'jsonb')
    .addColumn('unreachable_at', 'timestamptz')
    .addColumn('unreachable_reason', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('people_identity_key', ['platform', 'workspace_id', 'platform_user_id'])
    .execute();

  await db.schema
    .createTable('members')
    .addColumn('id', 'integer', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('network_id', 'integer', (c) => c.notNull().references('networks.id').onDelete('cascade'))
    // One network per person (and so per chat workspace).
    .addColumn('person_id', 'integer', (c) =>
      c.notNull().unique().references('people.id').onDelete('cascade'),
    )
    .addColumn('site_id', 'integer', (c) => c.references('sites.id').onDelete('set null'))
    .addColumn('role', 'text', (c) => c.notNull().check(sql`role in ('educator', 'facilitator', 'admin')`))
    .addColumn('status', 'text', (c) =>
      c.notNull().defaultTo('active').check(sql`status in ('active', 'pending')`),
    )
    .addColumn('paused_until', 'date')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('members_network_idx').on('members').column('network_id').execute();

  await db.schema
    .createTable('measures')
    .addColumn('id', 'integer', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('network_id', 'integer', (c) => c.notNull().references('networks.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull().check(sql`length(name) between 1 and 120`))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('proportion', 'count', 'value')`))
    .addColumn('unit', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('better', 'text', (c) => c.notNull().check(sql`better in ('higher', 'lower')`))
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await sql`create unique index measures_network_name_key on measures (network_id, lower(name))`.execute(db);

  await db.schema
    .createTable('change_ideas')
    .addColumn('id', 'integer', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('network_id', 'integer', (c) => c.notNull().references('networks.id').onDelete('cascade'))
    .addColumn('text', 'text', (c) => c.notNull().check(sql`length(text) between 1 and 500`))
    .addColumn('driver', 'text')
    .addColumn('created_by', 'integer', (c) => c.references('members.id').onDelete('set null'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable('cycles')
    .addColumn('id', 'integer', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('network_id', 'integer', (c) => c.notNull().references('networks.id').onDelete('cascade'))
    .addColumn('site_id', 'integer', (c) => c.notNull().references('sites.id').onDelete('restrict'))
    .addColumn('owner_member_id', 'integer', (c) => c.references('members.id').onDelete('set null'))
    .addColumn('change_idea_id', 'integer', (c) =>
      c.notNull().references('change_ideas.id').onDelete('restrict'),
    )
    .addColumn('measure_id', 'integer', (c) => c.notNull().references('measures.id').onDelete('restrict'))
    .addColumn('question', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('starts_on', 'date', (c) => c.notNull())
    .addColumn('ends_on', 'date', (c) => c.notNull())
    .addColumn('phase', 'text', (c) =>
      c.notNull().defaultTo('plan').check(sql`phase in ('plan', 'do', 'study', 'act', 'closed')`),
    )
    .addColumn('parent_cycle_id', 'integer', (c) => c.references('cycles.id').onDelete('set null'))
    .addColumn('decision', 'text', (c) => c.check(sql`decision in ('adopt', 'adapt', 'abandon')`))
    .addColumn('decided_at', 'timestamptz')
    .addColumn('closed_at', 'timestamptz')
    .addColumn('created_by', 'integer', (c) => c.references('members.id').onDelete('set null'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint('cycles_dates_check', sql`ends_on >= starts_on`)
    .execute();
  await db.schema
    .createIndex('cycles_network_phase_idx')
    .on('cycles')
    .columns(['network_id', 'phase'])
    .execute();
  await db.schema.createIndex('cycles_site_idx').on('cycles').column('site_id').execute();

  await db.schema
    .createTable('cycle_participants')
    .addColumn('cycle_id', 'integer', (c) => c.notNull().references('cycles.id').onDelete('cascade'))
    .addColumn('member_id', 'integer', (c) => c.notNull().references('members.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('cycle_participants_pkey', ['cycle_id', 'member_id'])
    .execute();

  await db.schema
    .createTable('checkins')
    .addColumn('id', 'integer', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('cycle_id', 'integer', (c) => c.notNull().references('cycles.id').onDelete('cascade'))
    .addColumn('member_id', 'integer', (c) => c.notNull().references('members.id').onDelete('cascade'))
    .addColumn('phase', 'text', (c) => c.notNull().check(sql`phase in ('plan', 'do', 'study', 'act')`))
    .addColumn('status', 'text', (c) =>
      c.notNull().defaultTo('open').check(sql`status in ('open', 'answered', 'closed')`),
    )
    .addColumn('due_at', 'timestamptz', (c) => c.notNull())
    // The answer as the zod schema of its phase validated it.
    .addColumn('answer', 'jsonb')
    // Answers given so far in a plain-reply conversation, question by question.
    .addColumn('draft', 'jsonb')
    .addColumn('value', 'double precision')
    .addColumn('numerator', 'double precision')
    .addColumn('denominator', 'double precision')
    .addColumn('note', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('prompted_at', 'timestamptz')
    .addColumn('answered_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('checkins_cycle_member_phase_key', ['cycle_id', 'member_id', 'phase'])
    .addCheckConstraint('checkins_fraction_check', sql`denominator is null or denominator > 0`)
    .execute();
  await db.schema
    .createIndex('checkins_member_status_idx')
    .on('checkins')
    .columns(['member_id', 'status'])
    .execute();

  // Every earlier version of an edited answer.
  await db.schema
    .createTable('checkin_revisions')
    .addColumn('id', 'integer', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('checkin_id', 'integer', (c) => c.notNull().references('checkins.id').onDelete('cascade'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('answer', 'jsonb', (c) => c.notNull())
    .addColumn('recorded_at', 'timestamptz', (c) => c.notNull())
    .addUniqueConstraint('checkin_revisions_version_key', ['checkin_id', 'version'])
    .execute();

  // The raw text of every reply, kept even when the bot could not read it.
  await db.schema
    .createTable('raw_replies')
    .addColumn('id', 'integer', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('person_id', 'integer', (c) => c.notNull().references('people.id').onDelete('cascade'))
    .addColumn('checkin_id', 'integer', (c) => c.references('checkins.id').onDelete('set null'))
    .addColumn('event_id', 'text')
    .addColumn('text', 'text')
    .addColumn('understood', 'boolean', (c) => c.notNull())
    .addColumn('received_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('raw_replies_received_idx').on('raw_replies').column('received_at').execute();

  // The outbox.
  await db.schema
    .createTable('deliveries')
    .addColumn('id', 'integer', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('dedupe_key', 'text', (c) => c.notNull().unique())
    .addColumn('platform', 'text', (c) => c.notNull().check(sql.raw(`platform in ${PLATFORMS}`)))
    .addColumn('address', 'jsonb', (c) => c.notNull())
    .addColumn('person_id', 'integer', (c) => c.references('people.id').onDelete('cascade'))
    .addColumn('network_id', 'integer', (c) => c.references('networks.id').onDelete('cascade'))
    .addColumn('checkin_id', 'integer', (c) => c.references('checkins.id').onDelete('cascade'))
    .addColumn('payload', 'jsonb', (c) => c.notNull())
    .addColumn('due_at', 'timestamptz', (c) => c.notNull())
    .addColumn('status', 'text', (c) =>
      c.notNull().defaultTo('pending').check(sql`status in ('pending', 'sent', 'failed', 'cancelled')`),
    )
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('lease_owner', 'text')
    .addColumn('lease_expires_at', 'timestamptz')
    .addColumn('sent_at', 'timestamptz')
    .addColumn('message_ref', 'jsonb')
    .addColumn('last_error', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await sql`create index deliveries_due_idx on deliveries (due_at) where status = 'pending'`.execute(db);

  await db.schema
    .createTable('digests')
    .addColumn('id', 'integer', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('network_id', 'integer', (c) => c.notNull().references('networks.id').onDelete('cascade'))
    .addColumn('iso_week', 'text', (c) => c.notNull().check(sql`iso_week ~ '^[0-9]{4}-W[0-9]{2}$'`))
    .addColumn('platform', 'text', (c) => c.check(sql.raw(`platform in ${PLATFORMS}`)))
    .addColumn('address', 'jsonb')
    .addColumn('content', 'jsonb')
    .addColumn('delivery_id', 'integer', (c) => c.references('deliveries.id').onDelete('set null'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('digests_network_week_key', ['network_id', 'iso_week'])
    .execute();

  await db.schema
    .createTable('inbound_events')
    .addColumn('platform', 'text', (c) => c.notNull().check(sql.raw(`platform in ${PLATFORMS}`)))
    .addColumn('event_id', 'text', (c) => c.notNull())
    .addColumn('received_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('inbound_events_pkey', ['platform', 'event_id'])
    .execute();
  await db.schema
    .createIndex('inbound_events_received_idx')
    .on('inbound_events')
    .column('received_at')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'inbound_events',
    'digests',
    'deliveries',
    'raw_replies',
    'checkin_revisions',
    'checkins',
    'cycle_participants',
    'cycles',
    'change_ideas',
    'measures',
    'members',
    'people',
    'site_breaks',
    'sites',
    'networks',
    'installations',
  ]) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
