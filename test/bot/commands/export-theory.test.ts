import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Block } from '../../../src/core/message-model.ts';
import { createTestDatabase, type TestDatabase } from '../../support/test-db.ts';
import { botHarness, seedNetwork, textOf } from '../support/bot-harness.ts';
import { seedOutcome } from '../support/evidence-seed.ts';

// `/pdsa export` gives an analyst the theory of improvement and the site
// conditions: on each cycle its idea's drivers and its site's values when it
// began, every site's values over time, and the driver diagram as a table.

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.close());
beforeEach(() => t.reset());

/** A CSV file of the export as rows of cells (the texts here hold no commas or quotes). */
function csv(blocks: Block[], prefix: string): string[][] {
  const file = blocks.find((b) => b.type === 'file' && b.fileName.startsWith(prefix));
  if (file?.type !== 'file') throw new Error(`no ${prefix} file`);
  return file.content
    .trimEnd()
    .split('\r\n')
    .map((line) => line.split(','));
}

describe('the export of drivers and conditions', () => {
  it('puts drivers and the values in force on each cycle, the history of values and the diagram in files', async () => {
    const s = await seedNetwork(t.db);
    const h = botHarness(t.db);
    const say = async (line: string) => textOf(await h.command('Fran', `/pdsa ${line}`));
    await say('network conditions level: middle, high; locale: urban, rural');
    await say('site Lincoln set level middle locale urban');
    await say('site Lincoln set level high from 2026-11-01');
    await say('driver add Belonging');
    await say('driver add Greeting under Belonging');
    await say('driver add Families');
    await say(`idea ${s.idea.number} driver Greeting`);
    await say('idea add Walking bus');
    const before = await seedOutcome(t.db, s, s.lincoln.id, s.idea.id, '2026-10-05', {
      predicted: 0.7,
      result: 0.75,
      decision: 'adopt',
    });
    const after = await seedOutcome(t.db, s, s.lincoln.id, s.idea.id, '2026-11-09', { predicted: 0.7 });
    const exported = await h.command('Fran', '/pdsa export');
    const blocks = exported.replies.flatMap((r) => r.message.blocks);
    expect(blocks.filter((b) => b.type === 'file').map((b) => b.type === 'file' && b.title)).toEqual([
      'Cycles',
      'Check-ins',
      'Site conditions over time',
      'Driver diagram',
    ]);

    const cycles = csv(blocks, 'pdsa-cycles');
    const header = cycles[0]!;
    expect(header.slice(-4)).toEqual([
      'primary_driver',
      'secondary_driver',
      'condition: level',
      'condition: locale',
    ]);
    const cell = (id: number, column: string) =>
      cycles.find((r) => r[0] === String(id))![header.indexOf(column)];
    expect(
      [before, after].map((id) => [
        cell(id, 'primary_driver'),
        cell(id, 'secondary_driver'),
        cell(id, 'condition: level'),
        cell(id, 'condition: locale'),
      ]),
    ).toEqual([
      ['Belonging', 'Greeting', 'middle', 'urban'],
      ['Belonging', 'Greeting', 'high', 'urban'],
    ]);

    expect(csv(blocks, 'pdsa-site-conditions')).toEqual([
      ['site_id', 'site', 'condition', 'value', 'valid_from', 'valid_to'],
      [String(s.lincoln.id), 'Lincoln', 'level', 'middle', '', '2026-11-01'],
      [String(s.lincoln.id), 'Lincoln', 'level', 'high', '2026-11-01', ''],
      [String(s.lincoln.id), 'Lincoln', 'locale', 'urban', '', ''],
    ]);
    const belonging = await t.db.selectFrom('drivers').select(['id', 'name']).orderBy('id').execute();
    const id = (name: string) => String(belonging.find((d) => d.name === name)!.id);
    expect(csv(blocks, 'pdsa-driver-diagram')).toEqual([
      [
        'primary_driver_id',
        'primary_driver',
        'secondary_driver_id',
        'secondary_driver',
        'change_idea_number',
        'change_idea',
      ],
      [
        id('Belonging'),
        'Belonging',
        id('Greeting'),
        'Greeting',
        String(s.idea.number),
        'Greet every student at the door',
      ],
      [id('Families'), 'Families', '', '', '', ''],
      ['', '', '', '', '2', 'Walking bus'],
    ]);
  });
});
