import { type MigrationResultSet, Migrator } from 'kysely/migration';
import { migrations } from '../../migrations/index.ts';
import type { Db } from './connect.ts';

/**
 * `schema`: where the migration bookkeeping lives when the tables are not in
 * `public` (tests give each file a schema of its own); without it Kysely
 * may find another schema's bookkeeping table on a shared server.
 */
export function migrator(db: Db, schema?: string): Migrator {
  return new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
    ...(schema ? { migrationTableSchema: schema } : {}),
  });
}

/** Applies every pending migration; throws with the failing migration's name. */
export async function migrateToLatest(db: Db, schema?: string): Promise<string[]> {
  const result: MigrationResultSet = await migrator(db, schema).migrateToLatest();
  if (result.error) {
    const failed = result.results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new Error(`Migration ${failed} failed: ${(result.error as Error).message ?? String(result.error)}`);
  }
  return (result.results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/** True when the database has every migration this build knows (for readiness checks). */
export async function migrationsCurrent(db: Db, schema?: string): Promise<boolean> {
  const all = await migrator(db, schema).getMigrations();
  return all.every((m) => m.executedAt !== undefined);
}
