import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { WeeklyFigure } from '../../src/core/digest/index.ts';
import { type Db, openDatabase } from '../../src/db/connect.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';
import { runCli } from '../adapters/shell/support/run-cli.ts';
import { proportionFigures, weeksEnding } from '../core/digest/fixtures.ts';
import { createTestDatabase, serverUrl } from '../support/test-db.ts';
import {
  seedIdea,
  seedMeasure,
  seedMember,
  seedNetwork,
  seedSite,
  seedWeeklyFigures,
} from './support/seed.ts';

// The case, played as a facilitator would in the terminal: three
// schools with five weeks of check-ins, one of them far below the others.
// `/pdsa digest preview` must name it, where it used to say that no site
// was different beyond chance.

const work = mkdtempSync(join(tmpdir(), 'pdsa-apart-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

async function seedThreeSchools(db: Db) {
  const network = await seedNetwork(db);
  const alder = await seedSite(db, network.id, 'Alder');
  const birch = await seedSite(db, network.id, 'Birch');
  const cedar = await seedSite(db, network.id, 'Cedar');
  await seedMember(db, network.id, 'Fran', 'facilitator', null);
  const ana = await seedMember(db, network.id, 'Ana', 'educator', alder.id);
  const idea = await seedIdea(db, network.id, 'Greet every student at the door');
  const measure = await seedMeasure(db, network.id, 'Students on time', 'proportion');
  const weeks = weeksEnding(47, 5);
  const figures: WeeklyFigure[] = [
    ...proportionFigures(measure.id, 1, weeks, 30, [19, 21, 22, 20, 21]),
    ...proportionFigures(measure.id, 2, weeks, 30, [20, 22, 19, 21, 22]),
    ...proportionFigures(measure.id, 3, weeks, 30, [5, 4, 6, 5, 6]),
  ];
  await seedWeeklyFigures(
    db,
    { networkId: network.id, ideaId: idea.id, measureId: measure.id, ownerId: ana.id },
    new Map([
      [1, alder.id],
      [2, birch.id],
      [3, cedar.id],
    ]),
    figures,
  );
}

/** The terminal's database, seeded: the embedded one in a folder, or a schema of the test server. */
async function seededDatabase(): Promise<{ env: Record<string, string>; close(): Promise<void> }> {
  if (serverUrl) {
    const t = await createTestDatabase();
    await seedThreeSchools(t.db);
    const url = new URL(t.url!);
    url.searchParams.set('options', `-c search_path=${t.schema}`);
    return { env: { DATABASE_URL: url.toString() }, close: () => t.close() };
  }
  const dataDir = join(work, 'db');
  const opened = await openDatabase({ kind: 'pglite', dataDir });
  await migrateToLatest(opened.db);
  await seedThreeSchools(opened.db);
  await opened.close();
  return { env: { PDSA_DATA_DIR: dataDir }, close: async () => {} };
}

describe('a three-school network in the terminal', () => {
  it('previews a digest that names the school far below the others for five weeks', async () => {
    const database = await seededDatabase();
    try {
      const run = await runCli([], 'as Fran\n/pdsa digest preview\n', {
        ...database.env,
        PDSA_TIME_ZONE: 'America/Chicago',
        // Wednesday of week 48: the digest is about week 47, the fifth week of figures.
        PDSA_CLOCK_START: '2026-11-25T10:00:00-06:00',
      });
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      expect(run.stdout).toContain('Literacy NIC: weekly digest, 16–22 Nov 2026');
      expect(run.stdout).toContain(
        'Cedar has been below the rest of the network for the last 5 weeks: 17% against 69% at the other sites.',
      );
      expect(run.stdout).not.toMatch(/Alder has been|Birch has been/);
      expect(run.stdout).not.toMatch(/no site is different/i);
    } finally {
      await database.close();
    }
  }, 120_000);
});
