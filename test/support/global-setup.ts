import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, PGliteDialect } from 'kysely';
import type { TestProject } from 'vitest/node';
import { nodeVersionProblem } from '../../bin/node-version.js';
import { migrateToLatest } from '../../src/db/migrate.ts';
import type { Database } from '../../src/db/schema.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A migrated PGlite data directory (a tar file) that test files load instead of migrating. */
    pgliteImage: string | undefined;
  }
}

const root = new URL('../../', import.meta.url);
const cacheDir = fileURLToPath(new URL('node_modules/.cache/pdsa-bot/', root));

// Once per `npm test`, before any test file. Starting a PGlite runs initdb,
// seconds of CPU; loading a data directory that is already initialised and
// migrated costs a fraction of that. So the migrated image is made once and
// kept (under node_modules/.cache, named for the migrations and the PGlite
// version, so a new migration makes a new one), and test files load it. The
// server pass (TEST_DATABASE_URL) migrates a schema per file as before.
export default async function setup(project: TestProject): Promise<void> {
  // `npx vitest` on a Node.js too old stops with the line `npm start` gives.
  const problem = nodeVersionProblem();
  if (problem) {
    process.stderr.write(`${problem}\n`);
    process.exit(1);
  }
  project.provide('pgliteImage', process.env.TEST_DATABASE_URL ? undefined : await migratedImage());
}

async function migratedImage(): Promise<string> {
  const file = join(cacheDir, `test-db-${imageKey()}.tar`);
  if (existsSync(file)) return file;
  const pglite = new PGlite();
  const db = new Kysely<Database>({ dialect: new PGliteDialect({ pglite }) });
  try {
    await migrateToLatest(db);
    const image = await pglite.dumpDataDir('none');
    mkdirSync(cacheDir, { recursive: true });
    // Written aside and renamed, so a run stopped halfway leaves no torn image.
    const partial = `${file}.${process.pid}`;
    writeFileSync(partial, new Uint8Array(await image.arrayBuffer()));
    renameSync(partial, file);
  } finally {
    await db.destroy();
  }
  return file;
}

function imageKey(): string {
  const hash = createHash('sha256');
  const migrations = new URL('migrations/', root);
  for (const name of readdirSync(migrations).sort()) {
    hash.update(name);
    hash.update(readFileSync(new URL(name, migrations)));
  }
  hash.update(readFileSync(new URL('node_modules/@electric-sql/pglite/package.json', root)));
  return hash.digest('hex').slice(0, 16);
}
