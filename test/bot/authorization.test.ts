import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { allCommands } from '../../src/bot/commands/index.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-db.ts';
import { botHarness, seedNetwork, textOf } from './support/bot-harness.ts';

// Every command × every role × own or another network's data. A refused
// command changes nothing, and nothing of network B ever reaches a caller
// of network A.

type Level = 'anyone' | 'outsider' | 'member' | 'facilitator' | 'admin';
type Row = { line: string; level: Level };

const MATRIX: Row[] = [
  { line: 'help', level: 'anyone' },
  { line: 'join Lincoln', level: 'outsider' },
  { line: 'demo', level: 'outsider' },
  { line: 'network', level: 'member' },
  { line: 'network aim Every child reads', level: 'facilitator' },
  { line: 'network digest friday 3pm', level: 'facilitator' },
  { line: 'site add Jefferson', level: 'facilitator' },
  { line: 'sites', level: 'member' },
  { line: 'site rename Washington to Adams', level: 'facilitator' },
  { line: 'site break Lincoln 2026-12-21 to 2027-01-01 Winter', level: 'facilitator' },
  { line: 'member add Zed to Lincoln', level: 'facilitator' },
  { line: 'members', level: 'member' },
  { line: 'member role @Ben facilitator', level: 'facilitator' },
  { line: 'member role @Ben admin', level: 'admin' },
  { line: 'approve @Pat', level: 'facilitator' },
  { line: 'measure add Reading kind value better higher', level: 'facilitator' },
  { line: 'measures', level: 'member' },
  { line: 'idea add Read aloud daily', level: 'facilitator' },
  { line: 'ideas', level: 'member' },
  { line: 'start Lincoln idea 1 owner @Ben', level: 'facilitator' },
  { line: 'status', level: 'member' },
  { line: 'cycles all', level: 'member' },
  { line: 'cycle 1', level: 'member' },
  { line: 'remind 1', level: 'facilitator' },
  { line: 'close 1', level: 'facilitator' },
  { line: 'answer 1', level: 'member' },
  { line: 'learnings', level: 'member' },
  { line: 'digest preview', level: 'facilitator' },
  { line: 'export', level: 'facilitator' },
  { line: 'export me', level: 'member' },
  { line: 'forget @Ben', level: 'admin' },
  { line: 'pause @Ben until 2027-01-15', level: 'facilitator' },
  { line: 'pause until 2027-01-15', level: 'member' },
  { line: 'resume', level: 'member' },
];

const CALLERS = ['Nel', 'Pat', 'Ana', 'Fay', 'Fran'] as const; // outsider, pending, educator, facilitator, admin
const RANK: Record<(typeof CALLERS)[number], number> = { Nel: -1, Pat: -1, Ana: 0, Fay: 1, Fran: 2 };
const NEEDED: Record<Level, number> = { anyone: -9, outsider: -9, member: 0, facilitator: 1, admin: 2 };

const REFUSAL =
  /Only (facilitators|admins|the cycle's owner)|not in an improvement network|waiting for a facilitator|ask a facilitator|already belong|already asked to join|You have asked to join/i;

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.close());
beforeEach(() => t.reset());

const TABLES = [
  'networks',
  'sites',
  'site_breaks',
  'members',
  'measures',
  'change_ideas',
  'cycles',
  'cycle_participants',
  'checkins',
];

async function snapshot(): Promise<string> {
  const parts: string[] = [];
  for (const table of TABLES) {
    const rows = await sql<Record<string, unknown>>`select * from ${sql.table(table)} order by 1, 2`.execute(
      t.db,
    );
    parts.push(`${table}:${JSON.stringify(rows.rows.map((r) => ({ ...r, updated_at: undefined })))}`);
  }
  return parts.join('\n');
}

/** Everything of one network: its row and the rows that hang from it. */
async function snapshotOf(networkId: number): Promise<string> {
  const rows = await Promise.all([
    t.db.selectFrom('networks').selectAll().where('id', '=', networkId).execute(),
    t.db.selectFrom('sites').selectAll().where('network_id', '=', networkId).orderBy('id').execute(),
    t.db.selectFrom('members').selectAll().where('network_id', '=', networkId).orderBy('id').execute(),
    t.db.selectFrom('measures').selectAll().where('network_id', '=', networkId).orderBy('id').execute(),
    t.db.selectFrom('change_ideas').selectAll().where('network_id', '=', networkId).orderBy('id').execute(),
    t.db.selectFrom('cycles').selectAll().where('network_id', '=', networkId).orderBy('id').execute(),
    t.db
      .selectFrom('checkins')
      .innerJoin('cycles', 'cycles.id', 'checkins.cycle_id')
      .selectAll('checkins')
      .where('cycles.network_id', '=', networkId)
      .orderBy('checkins.id')
      .execute(),
  ]);
  return JSON.stringify(rows);
}

async function seedBoth() {
  const a = await seedNetwork(t.db);
  const h = botHarness(t.db);
  // Fay (facilitator), Pat (asking to join), and a cycle owned by Ben with an answered Plan.
  const person = async (name: string) =>
    t.db
      .insertInto('people')
      .values({
        platform: 'shell',
        workspace_id: 'local',
        platform_user_id: name.toLowerCase(),
        display_name: name,
        address: { platform: 'shell', user: name.toLowerCase() },
      })
      .returningAll()
      .executeTakeFirstOrThrow();
  await t.db
    .insertInto('members')
    .values({ network_id: a.network.id, person_id: (await person('Fay')).id, role: 'facilitator' })
    .execute();
  await t.db
    .insertInto('members')
    .values({
      network_id: a.network.id,
      person_id: (await person('Pat')).id,
      site_id: a.lincoln.id,
      role: 'educator',
      status: 'pending',
    })
    .execute();
  await h.command('Fran', '/pdsa start Lincoln owner @Ben');
  // Network B, with secrets that must never reach network A.
  const b = await t.db
    .insertInto('networks')
    .values({ name: 'Quokka NIC', aim: 'ZEBRA-AIM', time_zone: 'UTC' })
    .returningAll()
    .executeTakeFirstOrThrow();
  const bSite = await t.db
    .insertInto('sites')
    .values({ network_id: b.id, name: 'ZEBRA-SITE' })
    .returningAll()
    .executeTakeFirstOrThrow();
  const zoe = await person('Zoe');
  const bMember = await t.db
    .insertInto('members')
    .values({ network_id: b.id, person_id: zoe.id, site_id: bSite.id, role: 'admin' })
    .returningAll()
    .executeTakeFirstOrThrow();
  const bMeasure = await t.db
    .insertInto('measures')
    .values({ network_id: b.id, name: 'ZEBRA-MEASURE', kind: 'value', better: 'higher' })
    .returningAll()
    .executeTakeFirstOrThrow();
  const bIdea = await t.db
    .insertInto('change_ideas')
    .values({ network_id: b.id, text: 'ZEBRA-IDEA' })
    .returningAll()
    .executeTakeFirstOrThrow();
  const bCycle = await t.db
    .insertInto('cycles')
    .values({
      network_id: b.id,
      site_id: bSite.id,
      owner_member_id: bMember.id,
      change_idea_id: bIdea.id,
      measure_id: bMeasure.id,
      question: 'ZEBRA-QUESTION',
      starts_on: '2026-11-30',
      ends_on: '2026-12-11',
      decision: 'adopt',
      phase: 'closed',
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  await t.db
    .insertInto('checkins')
    .values({
      cycle_id: bCycle.id,
      member_id: bMember.id,
      phase: 'study',
      status: 'answered',
      due_at: new Date(),
      answer: { result: { value: 3 }, learned: 'ZEBRA-LEARNED' },
      value: 3,
      answered_at: new Date(),
    })
    .execute();
  return { a, b, bCycle, h };
}

describe('authorization', () => {
  it('has a row for every command, so a new command cannot skip this test', () => {
    const covered = new Set(MATRIX.map((r) => r.line.split(' ')[0]));
    const missing = allCommands()
      .map((c) => c.name)
      .filter((name) => !covered.has(name));
    expect(missing).toEqual([]);
  });

  for (const row of MATRIX) {
    it(`/pdsa ${row.line}: allowed for ${row.level}, refused below, changing nothing when refused`, async () => {
      for (const caller of CALLERS) {
        await t.reset();
        const { b, h } = await seedBoth();
        const beforeB = await snapshotOf(b.id);
        const before = await snapshot();
        const result = await h.command(caller, `/pdsa ${row.line}`);
        const text = textOf(result);
        expect(text, `${caller}: ${row.line}`).not.toMatch(/ZEBRA/);
        expect(await snapshotOf(b.id), `${caller} changed network B with ${row.line}`).toBe(beforeB);
        const isMember = caller !== 'Nel' && caller !== 'Pat';
        const allowed =
          row.level === 'anyone' ||
          (row.level === 'outsider' ? caller === 'Nel' : isMember && RANK[caller] >= NEEDED[row.level]);
        if (!allowed) {
          expect(text, `${caller} should be refused: ${row.line}`).toMatch(REFUSAL);
          expect(await snapshot(), `${caller} was refused but changed data: ${row.line}`).toBe(before);
        } else {
          expect(text, `${caller} should be allowed: ${row.line}`).not.toMatch(REFUSAL);
        }
      }
    });
  }

  it("never shows another network's cycle, site, member or learning to anyone", async () => {
    const { bCycle, h } = await seedBoth();
    for (const line of [
      `cycle ${bCycle.id}`,
      `remind ${bCycle.id}`,
      `close ${bCycle.id}`,
      `answer ${bCycle.id}`,
      'cycles ZEBRA-SITE',
      'member role @Zoe facilitator',
      'start ZEBRA-SITE owner @Zoe',
      'learnings 2',
    ]) {
      for (const caller of ['Ana', 'Fran']) {
        const text = textOf(await h.command(caller, `/pdsa ${line}`));
        // What the caller typed may be quoted back; nothing else of network B may appear.
        expect(text.replace(/"[^"]*"/g, ''), `${caller}: ${line}`).not.toMatch(/ZEBRA|Zoe|Quokka/);
      }
    }
  });

  it('stores names that look like SQL literally', async () => {
    const { h } = await seedBoth();
    const name = "Robert'); drop table cycles;--";
    expect(textOf(await h.command('Fran', `/pdsa site add "${name}"`))).toContain('Added the site');
    const site = await t.db.selectFrom('sites').select('name').where('name', '=', name).executeTakeFirst();
    expect(site?.name).toBe(name);
    expect(await t.db.selectFrom('cycles').select('id').execute()).toHaveLength(2);
  });

  it('refuses a 5,000-character command and a 3,001-character answer, saying what to do', async () => {
    const { h } = await seedBoth();
    expect(textOf(await h.command('Fran', `/pdsa idea add ${'x'.repeat(5000)}`))).toMatch(/too long/i);
    await t.db.updateTable('checkins').set({ prompted_at: new Date() }).execute();
    expect(textOf(await h.reply('Ben', 'y'.repeat(3001)))).toMatch(/under 3000|too long|keep it/i);
  });
});
