import { type Kysely, sql } from 'kysely';

// Files the bot serves over HTTPS for platforms that take a picture or a
// file only as a link (a Teams card's chart, a CSV export in Teams). Kept
// in the database rather than on disk so that every bot process behind a
// load balancer can serve every file, and so that a restart loses none.

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table published_files (
      token text primary key,
      content_type text not null,
      file_name text not null,
      bytes bytea not null,
      created_at timestamptz not null default now(),
      expires_at timestamptz not null
    )`.execute(db);
  await sql`create index published_files_expires_idx on published_files (expires_at)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table if exists published_files`.execute(db);
}
