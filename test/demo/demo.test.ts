import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runDemoCli } from '../../src/demo/cli.ts';
import { createDemoNetwork } from '../../src/demo/create-demo.ts';
import { runDigestCli } from '../../src/digest/cli.ts';
import { loadDigestData } from '../../src/digest/load-digest-data.ts';
import { textOf } from '../bot/support/bot-harness.ts';
import { digestBot } from '../digest/support/digest-harness.ts';
import { seedMember, seedNetwork } from '../digest/support/seed.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-db.ts';

let t: TestDatabase;
let out: string;
beforeAll(async () => {
  t = await createTestDatabase();
  out = await mkdtemp(join(tmpdir(), 'pdsa-demo-'));
});
afterAll(async () => {
  await t.close();
  await rm(out, { recursive: true, force: true });
});
beforeEach(() => t.reset());

const NOW = new Date('2026-11-25T16:00:00Z'); // Wednesday of week 48

function capture() {
  let text = '';
  return {
    write: (s: string) => {
      text += s;
    },
    text: () => text,
  };
}

describe('pdsa-bot demo, then pdsa-bot digest', () => {
  it('prints a digest that names a site beyond chance and writes the chart', async () => {
    const demo = capture();
    expect(await runDemoCli([], { db: t.db, write: demo.write, now: NOW, platform: 'shell' })).toBe(0);
    expect(demo.text()).toContain('npm start -- digest --network "Demo NIC" --week 2026-W47');

    const digest = capture();
    const code = await runDigestCli(['--network', 'demo nic', '--week', '2026-W47', '--out', out], {
      db: t.db,
      write: digest.write,
      now: NOW,
      filesDir: out,
    });
    expect(code).toBe(0);
    const text = digest.text();
    // The first message in plain words, the details with the limits: one site only.
    expect(text).toMatch(/• Aspen Middle rose to \d+% this week, well above what its size would explain/);
    expect(text).toMatch(
      /• Aspen Middle: \d+ of \d+ \(\d+%\), above the expected range for its size \(P′ limits \d+–\d+%, σz [\d.]+\)\./,
    );
    expect(text.match(/expected range for its size/g)).toHaveLength(1);
    expect(text.match(/what its size would explain/g)).toHaveLength(1);
    // Results came in lower than predicted at every site: said once, as the network's lesson.
    expect(text).toMatch(
      /A lesson for the network: our predictions run about \d+ points optimistic: at all 12 sites, results came in lower than predicted\./,
    );
    expect(text).toContain(
      '• Lincoln Middle: only 1 crossing of its median in 12 points (at least 3 expected)',
    );
    expect(text).toContain('Maple Elementary: 6 weeks of data, too few to judge (10 needed)');
    expect(text).toContain('Overdue check-ins (1):');
    expect(text).toContain('Cannot be reached (1):');
    const path = join(out, 'digest-demo-nic-2026-W47.png');
    expect(text).toContain(`Chart written to ${path}`);
    const png = await readFile(path);
    expect(png.subarray(0, 4)).toEqual(Buffer.from([137, 80, 78, 71]));
  });

  it('prints the message model and the statistics as JSON', async () => {
    await createDemoNetwork(t.db, { now: NOW, platform: 'shell' });
    const digest = capture();
    await runDigestCli(['--network=Demo NIC', '--json', '--out', out], {
      db: t.db,
      write: digest.write,
      now: NOW,
      filesDir: out,
    });
    const json = JSON.parse(digest.text());
    expect(json.week).toBe('2026-W47');
    const comparison = json.stats.measures[0].comparison;
    expect(comparison.sites.filter((s: { verdict: string }) => s.verdict !== 'within')).toEqual([
      expect.objectContaining({ site: 'Aspen Middle', verdict: 'above' }),
    ]);
    const image = json.main.blocks.find((b: { type: string }) => b.type === 'image');
    expect(image.savedTo).toBe(join(out, 'digest-demo-nic-2026-W47.png'));
    expect(image.pngBase64).toBeUndefined();
  });

  it('explains mistakes in the arguments', async () => {
    const none = capture();
    expect(
      await runDigestCli(['--network', 'Nowhere'], { db: t.db, write: none.write, now: NOW, filesDir: out }),
    ).toBe(1);
    expect(none.text()).toContain(
      'There is no network "Nowhere". There are no networks yet: `npm start -- demo` makes a sample one.',
    );
    await createDemoNetwork(t.db, { now: NOW, platform: 'shell' });
    const week = capture();
    expect(
      await runDigestCli(['--network', 'Demo NIC', '--week', '2026-W60'], {
        db: t.db,
        write: week.write,
        now: NOW,
        filesDir: out,
      }),
    ).toBe(1);
    expect(week.text()).toContain('--week: 2026 has weeks W01 to W53, not W60.');
    const flag = capture();
    expect(await runDigestCli(['--colour'], { db: t.db, write: flag.write, now: NOW, filesDir: out })).toBe(
      1,
    );
    expect(flag.text()).toContain('Unknown option "--colour".');
  });
});

describe('the demo network', () => {
  it('has the same figures on every run, whenever it is made', async () => {
    const figuresOf = async (now: Date) => {
      const demo = await createDemoNetwork(t.db, { now, platform: 'shell' });
      const data = await loadDigestData(t.db, demo.networkId, demo.weeks.at(-1)!, { now });
      return data.figures.map((f) => [
        data.sites.find((s) => s.id === f.siteId)!.name,
        data.weeks.indexOf(f.week),
        f.numerator,
        f.denominator,
      ]);
    };
    const first = await figuresOf(NOW);
    // Across a daylight-saving change and a 53-week year, and on the same data twice.
    for (const now of [new Date('2026-03-12T15:00:00Z'), new Date('2027-01-13T15:00:00Z'), NOW]) {
      const again = await figuresOf(now);
      const shift = (rows: unknown[][]) =>
        rows.map((r) => [r[0], (r[1] as number) - (first[0]![1] as number), r[2], r[3]]).sort();
      expect(shift(again)).toEqual(shift(first));
    }
    expect(await t.db.selectFrom('networks').select('name').orderBy('id').execute()).toEqual([
      { name: 'Demo NIC' },
      { name: 'Demo NIC 2' },
      { name: 'Demo NIC 3' },
      { name: 'Demo NIC 4' },
    ]);
  });

  it('shows one overdue check-in whatever the weekday it is made on', async () => {
    for (const day of ['2026-11-23', '2026-11-25', '2026-11-29']) {
      const now = new Date(`${day}T18:00:00Z`);
      const demo = await createDemoNetwork(t.db, { now, platform: 'shell' });
      const data = await loadDigestData(t.db, demo.networkId, demo.weeks.at(-1)!, { now });
      expect(data.overdue.total).toBe(1);
      expect(data.unreachable.total).toBe(1);
    }
  });

  it('/pdsa demo makes the caller its admin, and refuses someone already in a network', async () => {
    const bot = digestBot(t.db, NOW);
    const made = textOf(await bot.command('Dana', '/pdsa demo'));
    expect(made).toContain('I created the sample network Demo NIC and made you its admin');
    // Weeks as the days people know, not ISO week numbers.
    expect(made).toMatch(/over the twelve weeks \d+ \w{3} – \d+ \w{3}\./);
    expect(made).toMatch(/the weekly digest of \d+(–\d+ \w{3}| \w{3} – \d+ \w{3}), with its chart/);
    expect(made).not.toMatch(/W\d\d/);
    const member = await t.db
      .selectFrom('members')
      .innerJoin('people', 'people.id', 'members.person_id')
      .select(['members.role', 'members.network_id'])
      .where('people.platform_user_id', '=', 'dana')
      .executeTakeFirstOrThrow();
    expect(member.role).toBe('admin');
    // The fictional people have no address, so the scheduler never writes to them.
    const addressed = await t.db
      .selectFrom('people')
      .select('display_name')
      .where('workspace_id', 'like', 'demo-%')
      .where('address', 'is not', null)
      .execute();
    expect(addressed).toEqual([]);

    const preview = textOf(await bot.command('Dana', '/pdsa digest preview'));
    expect(preview).toMatch(/Aspen Middle: \d+ of \d+ \(\d+%\), above the expected range for its size/);

    expect(textOf(await bot.command('Dana', '/pdsa demo'))).toContain('You already belong to Demo NIC');
    const other = await seedNetwork(t.db, 'Literacy NIC');
    await seedMember(t.db, other.id, 'Eve', 'educator', null);
    expect(textOf(await bot.command('Eve', '/pdsa demo'))).toContain('You already belong to Literacy NIC');
    expect(await t.db.selectFrom('networks').select('name').orderBy('id').execute()).toHaveLength(2);
  });
});
