import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { renderMessage } from '../../../adapters/slack/render/blocks.ts';
import { MODAL_LIMITS, renderFormModal } from '../../../adapters/slack/render/modal.ts';
import { renderCard } from '../../../adapters/teams/render/card.ts';
import { rangeOn } from '../../../src/core/conditions/history.ts';
import type { Form } from '../../../src/core/message-model.ts';
import { historyOfNetwork } from '../../../src/store/site-conditions.ts';
import { cardErrors } from '../../adapters/teams/support/cards.ts';
import { createTestDatabase, type TestDatabase } from '../../support/test-db.ts';
import { botHarness, seedNetwork, textOf } from '../support/bot-harness.ts';

// Site conditions as a facilitator sets them up and an educator reads them:
// the network names its conditions and their values, each site gets its
// values (typed, or in a form on Slack and Teams), and a change keeps the
// values in force when earlier cycles ran.

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.close());
beforeEach(() => t.reset());

async function setUp() {
  const s = await seedNetwork(t.db);
  const h = botHarness(t.db);
  const say = async (who: string, line: string) => textOf(await h.command(who, `/pdsa ${line}`));
  return { s, h, say };
}

/** The value of `condition` at `siteId` on `date`, read back from the history. */
async function valueAt(networkId: number, siteId: number, condition: string, date: string) {
  const [history, conditions, values] = await Promise.all([
    historyOfNetwork(t.db, networkId),
    t.db.selectFrom('conditions').selectAll().execute(),
    t.db.selectFrom('condition_values').selectAll().execute(),
  ]);
  const c = conditions.find((x) => x.name === condition)!;
  const range = rangeOn(
    history.filter((r) => r.siteId === siteId && r.conditionId === c.id),
    date,
  );
  return range ? values.find((v) => v.id === range.valueId)!.value : null;
}

describe('site conditions', () => {
  it('a facilitator names conditions and values in one line; anyone in the network can read them', async () => {
    const { say } = await setUp();
    expect(
      await say('Fran', 'network conditions level: elementary, middle, high; locale: urban, rural'),
    ).toBe(
      [
        'Conditions of Literacy NIC:',
        '• level: elementary, middle, high',
        '• locale: urban, rural',
        'Give each site its values: /pdsa site <site> set level <value> (or /pdsa site <site> set for a form).',
      ].join('\n'),
    );
    expect(await say('Fran', 'condition add level values K-8, middle')).toContain(
      'level: added K-8 (now elementary, middle, high, K-8)',
    );
    const list = await say('Ana', 'conditions');
    expect(list).toContain(
      'level\n• elementary: no site\n• middle: no site\n• high: no site\n• K-8: no site\n• not set: Lincoln, Washington',
    );
    expect(await say('Ana', 'condition add size values small')).toBe(
      'Only facilitators and admins of Literacy NIC can change the site conditions. Ask Fran.',
    );
  });

  it("a site's first value counts for all its cycles; a change counts from today and earlier cycles keep theirs", async () => {
    const { s, say } = await setUp();
    await say('Fran', 'network conditions level: elementary, middle, high');
    expect(await say('Fran', 'site Lincoln set level middle')).toBe(
      'Lincoln:\n• level is middle, for all its cycles so far and from now on.',
    );
    expect(await valueAt(s.network.id, s.lincoln.id, 'level', '2020-01-01')).toBe('middle');
    // Today is Monday 30 November 2026 in Chicago.
    expect(await say('Fran', 'site lincoln set level high')).toBe(
      'Lincoln:\n• level is high from Mon 30 Nov 2026 (it was middle; cycles that began before keep that).',
    );
    expect(await valueAt(s.network.id, s.lincoln.id, 'level', '2026-11-29')).toBe('middle');
    expect(await valueAt(s.network.id, s.lincoln.id, 'level', '2026-11-30')).toBe('high');
    expect(await say('Fran', 'site Lincoln set level high')).toBe(
      'Lincoln:\n• level: already high on Mon 30 Nov 2026; nothing changed.',
    );
    // A change that happened earlier is dated back; what was recorded after it is replaced.
    expect(await say('Fran', 'site Lincoln set level elementary from 2026-09-01')).toBe(
      'Lincoln:\n• level is elementary from Tue 1 Sep 2026 (it was middle; cycles that began before keep that).',
    );
    expect(await valueAt(s.network.id, s.lincoln.id, 'level', '2026-08-31')).toBe('middle');
    expect(await valueAt(s.network.id, s.lincoln.id, 'level', '2026-11-30')).toBe('elementary');
    const page = await say('Ana', 'site Lincoln');
    expect(page).toContain(
      'Conditions\n• level: elementary since Tue 1 Sep 2026; before: middle from the start until Tue 1 Sep 2026',
    );
    expect(page).not.toContain('[Set conditions]');
    expect(await say('Fran', 'site Lincoln')).toContain('[Set conditions]');
    expect(await say('Ana', 'sites')).toContain(
      "Lincoln: 2 members · America/Chicago (the network's) · level elementary",
    );
    expect(await say('Fran', 'site Lincoln set level none')).toBe(
      'Lincoln:\n• level is not set from Mon 30 Nov 2026 (it was elementary; cycles that began before keep that).',
    );
    expect(await say('Fran', 'site Lincoln set level high from friday')).toMatch(
      /^Fri \d+ Dec 2026 is still to come/,
    );
  });

  it('an unknown condition or value is refused with the ones there are, and nothing is saved', async () => {
    const { say } = await setUp();
    await say('Fran', 'network conditions level: elementary, middle, high; locale: urban, rural');
    expect(await say('Fran', 'site Lincoln set level middle locale suburban')).toBe(
      'locale has no value "suburban". Its values are: urban, rural. A facilitator can add it: /pdsa condition add locale values suburban.',
    );
    expect(await say('Fran', 'site Lincoln set size large')).toBe(
      'There is no condition "size". The conditions are: level, locale.',
    );
    expect(await say('Fran', 'site Lincoln set levle middle')).toMatch(
      /^I don't know the key "levle"\. Did you mean "level"\?/,
    );
    expect(await say('Fran', 'site Lincon set level middle')).toBe(
      'There is no site "Lincon". The sites are: Lincoln, Washington.',
    );
    expect(await t.db.selectFrom('site_conditions').selectAll().execute()).toEqual([]);
    // A unique beginning is enough: "mid" is middle.
    expect(await say('Fran', 'site Lincoln set level mid')).toContain('level is middle');
    expect(await say('Ana', 'site Lincoln set level high')).toBe(
      "Only facilitators and admins of Literacy NIC can set a site's conditions. Ask Fran.",
    );
  });

  it('a value some site has had stays (it can be renamed); a condition can be removed with its history', async () => {
    const { say } = await setUp();
    await say('Fran', 'network conditions level: elementary, middle, high');
    await say('Fran', 'site Lincoln set level middle');
    expect(await say('Fran', 'condition remove level middle')).toMatch(
      /^1 site has had level middle, and their cycles are read under it, so it stays\./,
    );
    expect(await say('Fran', 'condition rename level middle to middle school')).toBe(
      "The value middle of level is now called middle school, at every site and in every cycle's record.",
    );
    expect(await say('Fran', 'condition remove level high')).toBe('Removed the value high from level.');
    expect(await say('Fran', 'condition rename level to school level')).toBe(
      'The condition level is now called school level. Every site keeps its values and their history.',
    );
    expect(await say('Fran', 'condition remove school level')).toBe(
      'Removed the condition school level, with the values 1 site had of it and their history. The learnings are no longer split by it.',
    );
    expect(await t.db.selectFrom('site_conditions').selectAll().execute()).toEqual([]);
  });
});

describe('the site conditions form', () => {
  async function openForm() {
    const env = await setUp();
    await env.say('Fran', 'network conditions level: elementary, middle, high; locale: urban, rural, island');
    await env.say('Fran', 'site Lincoln set level middle');
    const opened = await env.h.command('Fran', '/pdsa site Lincoln set');
    return { ...env, form: opened.openForm as Form, opened };
  }

  it('lists each condition with its values and the current one chosen, and says how to type it instead', async () => {
    const { form, opened, s } = await openForm();
    expect(textOf(opened)).toBe(
      "Choose Lincoln's values in the form, or type them: /pdsa site Lincoln set level elementary.",
    );
    expect(form.formId).toBe(`site.conditions:${s.lincoln.id}`);
    expect(
      form.inputs.map((i) => [
        i.id,
        i.kind,
        i.label,
        i.kind === 'choice' ? i.choices.map((c) => c.label) : null,
      ]),
    ).toEqual([
      [
        expect.stringMatching(/^condition-\d+$/),
        'choice',
        'level',
        ['elementary', 'middle', 'high', 'Not set'],
      ],
      [expect.stringMatching(/^condition-\d+$/), 'choice', 'locale', ['urban', 'rural', 'island', 'Not set']],
      ['from', 'date', 'Changed on', null],
    ]);
    const level = form.inputs[0]!;
    expect(level.kind === 'choice' && level.choices.find((c) => c.value === level.initial)?.label).toBe(
      'middle',
    );
    expect(form.inputs[1]!.initial).toBe('none');
  });

  it('renders as a Slack modal within its limits and as a valid Adaptive Card 1.5', async () => {
    const { form } = await openForm();
    const modal = renderFormModal(form, { channel: 'C1' });
    expect(modal.title.text.length).toBeLessThanOrEqual(MODAL_LIMITS.title);
    const blocks = modal.blocks as unknown as { block_id: string; element: Record<string, unknown> }[];
    expect(blocks.map((b) => [b.block_id, b.element.type])).toEqual([
      [form.inputs[0]!.id, 'radio_buttons'],
      [form.inputs[1]!.id, 'radio_buttons'],
      ['from', 'datepicker'],
    ]);
    const level = blocks[0]!.element as { options: { value: string }[]; initial_option: { value: string } };
    expect(level.options.map((o) => o.value)).toContain(level.initial_option.value);
    const card = renderCard({ summary: form.title, blocks: [{ type: 'form', form }] });
    expect(cardErrors(card)).toEqual([]);
    // Where the modal cannot open, Slack shows the form's button instead.
    expect(renderMessage({ summary: form.title, blocks: [{ type: 'form', form }] }).blocks).toHaveLength(1);
  });

  it('a submission changes only what was changed, with the day given', async () => {
    const { form, h, s } = await openForm();
    const [level, locale] = form.inputs;
    const high = level!.kind === 'choice' ? level!.choices.find((c) => c.label === 'high')!.value : '';
    const rural = locale!.kind === 'choice' ? locale!.choices.find((c) => c.label === 'rural')!.value : '';
    const saved = await h.submit('Fran', form.formId, {
      [level!.id]: high,
      [locale!.id]: rural,
      from: '2026-11-02',
    });
    expect(textOf(saved)).toBe(
      [
        'Lincoln:',
        '• level is high from Mon 2 Nov 2026 (it was middle; cycles that began before keep that).',
        '• locale is rural from Mon 2 Nov 2026.',
      ].join('\n'),
    );
    expect(await valueAt(s.network.id, s.lincoln.id, 'level', '2026-11-01')).toBe('middle');
    expect(await valueAt(s.network.id, s.lincoln.id, 'locale', '2026-11-01')).toBeNull();
    const again = await h.submit('Fran', form.formId, { [level!.id]: high, [locale!.id]: rural, from: '' });
    expect(textOf(again)).toBe('Nothing changed at Lincoln: its values are as they were.');
    const other = await h.submit('Fran', form.formId, { [level!.id]: '999999', from: '' });
    expect(textOf(other)).toBe(
      "That value is not one of level's. Type /pdsa site Lincoln set to open the form again.",
    );
    const educator = await h.submit('Ana', form.formId, { [level!.id]: high });
    expect(textOf(educator)).toBe(
      "Only facilitators and admins of Literacy NIC can set a site's conditions. Ask Fran.",
    );
  });

  it("the site page's button opens the same form", async () => {
    const { h, s, form } = await openForm();
    const page = await h.command('Fran', '/pdsa site Lincoln');
    const button = page.replies[0]!.message.blocks.flatMap((b) =>
      b.type === 'buttons' ? b.buttons : [],
    )[0]!;
    expect(button.actionId).toBe(`form.open:site.conditions:${s.lincoln.id}`);
    const pressed = await h.press('Fran', button.actionId, button.value);
    expect(pressed.openForm).toEqual(form);
  });
});
