import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { renderMessage } from '../../../adapters/slack/render/blocks.ts';
import { renderFormModal } from '../../../adapters/slack/render/modal.ts';
import { renderCard } from '../../../adapters/teams/render/card.ts';
import { CARD_BYTE_BUDGET, cardBytes } from '../../../adapters/teams/render/fit-card.ts';
import { drawDiagramsWith } from '../../../src/bot/commands/drivers.ts';
import type { Form, Message } from '../../../src/core/message-model.ts';
import { cardErrors } from '../../adapters/teams/support/cards.ts';
import { createTestDatabase, type TestDatabase } from '../../support/test-db.ts';
import { botHarness, seedNetwork, textOf } from '../support/bot-harness.ts';

// The driver diagram as a facilitator builds it and everyone reads it: the
// aim, primary drivers, secondary drivers under them and change ideas on
// them, shown as text and a picture, with forms on Slack and Teams.

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.close());
beforeEach(() => t.reset());
afterEach(() => drawDiagramsWith(undefined));

async function setUp() {
  const s = await seedNetwork(t.db);
  const h = botHarness(t.db);
  const say = async (who: string, line: string) => textOf(await h.command(who, `/pdsa ${line}`));
  return { s, h, say };
}

const imageOf = (m: Message) => m.blocks.find((b) => b.type === 'image');

describe('the driver diagram', () => {
  it('a facilitator sets out drivers and puts ideas on them; everyone sees the diagram in words and as a picture', async () => {
    const { s, h, say } = await setUp();
    expect(await say('Fran', 'driver add Students feel expected')).toBe(
      'Added the primary driver Students feel expected. Add secondary drivers under it: /pdsa driver add <name> under Students feel expected.',
    );
    expect(await say('Fran', 'driver add Adults greet each student under students feel')).toBe(
      'Added the secondary driver Adults greet each student under Students feel expected. Put change ideas on it: /pdsa idea <number> driver Adults greet each student.',
    );
    expect(await say('Fran', `idea ${s.idea.number} driver Adults greet`)).toBe(
      `Change idea ${s.idea.number} (Greet every student at the door) now acts on the driver Students feel expected › Adults greet each student. See the diagram: /pdsa drivers.`,
    );
    expect(await say('Fran', 'idea add Text families driver Families can help')).toContain(
      'Added change idea 2: Text families (driver: Families can help).',
    );
    // A driver named by its beginning is that driver, not a new one.
    expect(await say('Fran', 'idea add Morning circle driver Families can')).toContain(
      '(driver: Families can help)',
    );

    const shown = await h.command('Ana', '/pdsa drivers');
    const text = textOf(shown);
    expect(text).toContain('Aim: Every 3rd grader reads on grade level');
    expect(text).toContain(
      'Students feel expected › Adults greet each student (secondary driver)\n• Idea 1: Greet every student at the door · not tested yet',
    );
    expect(text).toContain(
      'Families can help (primary driver)\n• Idea 2: Text families · not tested yet\n• Idea 3: Morning circle',
    );
    const image = imageOf(shown.replies[0]!.message);
    expect(image?.type === 'image' && image.fileName).toBe('driver-diagram-literacy-nic.png');
    expect(image?.type === 'image' && Buffer.from(image.pngBase64, 'base64').subarray(1, 4).toString()).toBe(
      'PNG',
    );
    expect(image?.type === 'image' && image.alt).toBe(
      'Driver diagram of Literacy NIC: 2 primary and 1 secondary drivers, 3 change ideas (0 tested). The same diagram is written out below the picture.',
    );

    expect(await say('Ana', 'driver add Something')).toBe(
      'Only facilitators and admins of Literacy NIC can change the driver diagram. Ask Fran.',
    );
    expect(await say('Ana', `idea ${s.idea.number} driver Families`)).toBe(
      "Only facilitators and admins of Literacy NIC can choose a change idea's driver. Ask Fran.",
    );
  });

  it('shows the evidence beside each idea: cycles, sites and decisions', async () => {
    const { s, say } = await setUp();
    await say('Fran', 'driver add Belonging');
    await say('Fran', `idea ${s.idea.number} driver Belonging`);
    const cycle = (siteId: number, decision: 'adopt' | 'abandon' | null) =>
      t.db
        .insertInto('cycles')
        .values({
          network_id: s.network.id,
          site_id: siteId,
          change_idea_id: s.idea.id,
          measure_id: s.measure.id,
          starts_on: '2026-11-02',
          ends_on: '2026-11-13',
          phase: decision ? 'closed' : 'do',
          decision,
        })
        .execute();
    await cycle(s.lincoln.id, 'adopt');
    await cycle(s.lincoln.id, 'adopt');
    await cycle(s.washington.id, 'abandon');
    await cycle(s.washington.id, null);
    expect(await say('Ana', 'drivers')).toContain(
      '• Idea 1: Greet every student at the door · 4 cycles at 2 sites: 2 adopt, 1 abandon (1 under way)',
    );
  });

  it('keeps the diagram two levels deep and says how to get where one wants', async () => {
    const { say } = await setUp();
    await say('Fran', 'driver add Belonging');
    await say('Fran', 'driver add Mornings');
    await say('Fran', 'driver add Greeting under Belonging');
    expect(await say('Fran', 'driver add Deeper under Greeting')).toBe(
      'Greeting is a secondary driver (under Belonging); a secondary driver goes under a primary one. The primary drivers are: Belonging; Mornings.',
    );
    expect(await say('Fran', 'driver move Belonging under Mornings')).toBe(
      'Belonging has secondary drivers under it (Greeting), and the diagram has two levels. Move those first: /pdsa driver move Greeting under Mornings.',
    );
    expect(await say('Fran', 'driver remove Belonging')).toBe(
      'Belonging has secondary drivers under it (Greeting). Move or remove them first, e.g. /pdsa driver move Greeting to top.',
    );
    expect(await say('Fran', 'driver move Greeting under Mornings')).toBe(
      'Greeting is now a secondary driver under Mornings, with its change ideas.',
    );
    expect(await say('Fran', 'driver move Greeting to top')).toBe(
      'Greeting is now a primary driver, with its change ideas.',
    );
    expect(await say('Fran', 'driver add belonging')).toBe(
      'There is already a driver called "Belonging". Choose another name, or type /pdsa drivers to see them.',
    );
    expect(await say('Fran', 'driver rename Nope to Yes')).toBe(
      'There is no driver "Nope". The drivers are: Belonging; Mornings; Greeting.',
    );
    expect(await say('Fran', 'idea 1 driver none')).toBe(
      'Change idea 1 (Greet every student at the door) is now on no driver.',
    );
    expect(await say('Fran', 'idea 99 driver Belonging')).toBe(
      'There is no change idea 99. Type /pdsa ideas to see them.',
    );
  });

  it('still answers in words when the picture cannot be drawn', async () => {
    const { say } = await setUp();
    await say('Fran', 'driver add Belonging');
    drawDiagramsWith(() => {
      throw new Error('no resvg here');
    });
    const text = await say('Ana', 'drivers');
    expect(text).toContain('The picture could not be drawn this time; the diagram is written out below.');
    expect(text).toContain('Belonging (primary driver)');
  });

  it('renders on Slack (the picture uploaded) and on Teams (a valid card within its budget)', async () => {
    const { s, h, say } = await setUp();
    await say('Fran', 'driver add Belonging');
    await say('Fran', `idea ${s.idea.number} driver Belonging`);
    const message = (await h.command('Ana', '/pdsa drivers')).replies[0]!.message;
    const slack = renderMessage(message);
    expect(slack.uploads.map((u) => [u.kind, u.fileName])).toEqual([
      ['image', 'driver-diagram-literacy-nic.png'],
    ]);
    // Teams links to the picture the bot serves.
    const image = imageOf(message)!;
    const card = renderCard(
      message,
      new Map([[image, 'https://bot.example.org/files/abc/driver-diagram-literacy-nic.png']]),
    );
    expect(cardErrors(card)).toEqual([]);
    expect(cardBytes(card)).toBeLessThanOrEqual(CARD_BYTE_BUDGET);
  });
});

describe('driver forms', () => {
  it('`driver add` alone opens a form: a name and where it goes; submitted, it adds the driver', async () => {
    const { h, say } = await setUp();
    await say('Fran', 'driver add Belonging');
    const opened = await h.command('Fran', '/pdsa driver add');
    const form = opened.openForm as Form;
    expect(form.formId).toBe('driver.add');
    const where = form.inputs[1]!;
    expect(where.kind === 'choice' && where.choices.map((c) => c.label)).toEqual([
      'A primary driver (under the aim)',
      'Under Belonging',
    ]);
    expect(cardErrors(renderCard({ summary: form.title, blocks: [{ type: 'form', form }] }))).toEqual([]);
    expect(renderFormModal(form).blocks.map((b) => (b as { block_id?: string }).block_id)).toEqual([
      'name',
      'under',
    ]);
    const under = where.kind === 'choice' ? where.choices[1]!.value : '';
    expect(textOf(await h.submit('Fran', 'driver.add', { name: 'Greeting', under }))).toContain(
      'Added the secondary driver Greeting under Belonging.',
    );
    expect(textOf(await h.submit('Fran', 'driver.add', { name: 'x'.repeat(201), under: 'top' }))).toBe(
      'The driver is 201 characters long; keep it to 200 or fewer.',
    );
  });

  it("`idea <number> driver` alone opens a form listing the drivers, the idea's own chosen", async () => {
    const { s, h, say } = await setUp();
    await say('Fran', 'driver add Belonging');
    await say('Fran', 'driver add Greeting under Belonging');
    await say('Fran', `idea ${s.idea.number} driver Greeting`);
    const opened = await h.command('Fran', `/pdsa idea ${s.idea.number} driver`);
    const form = opened.openForm as Form;
    expect(form.formId).toBe(`idea.driver:${s.idea.id}`);
    const choice = form.inputs[0]!;
    expect(choice.kind === 'choice' && choice.choices.map((c) => c.label)).toEqual([
      'Belonging',
      'Belonging › Greeting',
      'No driver',
    ]);
    expect(choice.kind === 'choice' && choice.choices.find((c) => c.value === choice.initial)?.label).toBe(
      'Belonging › Greeting',
    );
    expect(cardErrors(renderCard({ summary: form.title, blocks: [{ type: 'form', form }] }))).toEqual([]);
    const belonging = choice.kind === 'choice' ? choice.choices[0]!.value : '';
    expect(textOf(await h.submit('Fran', form.formId, { driver: belonging }))).toContain(
      'now acts on the driver Belonging',
    );
    expect(textOf(await h.submit('Fran', form.formId, { driver: 'none' }))).toContain('is now on no driver');
  });
});
