import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { renderFormModal } from '../../../adapters/slack/render/modal.ts';
import { renderCard } from '../../../adapters/teams/render/card.ts';
import { type Form, message } from '../../../src/core/message-model.ts';
import { cardErrors } from '../../adapters/teams/support/cards.ts';
import { createTestDatabase, type TestDatabase } from '../../support/test-db.ts';
import { botHarness, seedNetwork, textOf } from '../support/bot-harness.ts';

// Starting a cycle: nobody is made its owner without being named (unless
// the one starting it is an educator at that site), the dates are checked
// against the site's breaks, the terminal gets what it can use, and every
// form the bot sends can be submitted on Slack and Teams.

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.close());
beforeEach(() => t.reset());

const cycles = async () => t.db.selectFrom('cycles').selectAll().execute();

/** What Slack would refuse in a modal: a choice with no options, more blocks or options than allowed. */
function slackProblems(form: Form): string[] {
  const modal = renderFormModal(form);
  const problems: string[] = [];
  if ((modal.blocks ?? []).length > 100) problems.push('more than 100 blocks');
  for (const block of modal.blocks ?? []) {
    const element = (block as { element?: { type: string; options?: unknown[] } }).element;
    if (!element) continue;
    if (
      element.type === 'radio_buttons' &&
      !((element.options?.length ?? 0) >= 1 && element.options!.length <= 10)
    )
      problems.push(
        `radio buttons ${(block as { block_id?: string }).block_id} with ${element.options?.length} options`,
      );
    if (
      element.type === 'static_select' &&
      !((element.options?.length ?? 0) >= 1 && element.options!.length <= 100)
    )
      problems.push(
        `select ${(block as { block_id?: string }).block_id} with ${element.options?.length} options`,
      );
  }
  return problems;
}

/** What Teams would not render or let people submit: schema errors, a choice set with no choices. */
function teamsProblems(form: Form): string[] {
  const card = renderCard(message(form.title, { type: 'form', form }));
  const problems = cardErrors(card);
  const walk = (node: unknown) => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (typeof node !== 'object' || node === null) return;
    const n = node as Record<string, unknown>;
    if (n.type === 'Input.ChoiceSet' && !(Array.isArray(n.choices) && n.choices.length > 0))
      problems.push(`choice set ${String(n.id)} with no choices`);
    Object.values(n).forEach(walk);
  };
  walk(card);
  return problems;
}

describe('the owner of a new cycle', () => {
  it('is asked for, in a form, when a facilitator names none', async () => {
    const s = await seedNetwork(t.db, { platform: 'slack' });
    const h = botHarness(t.db, undefined, { platform: 'slack' });
    const asked = await h.command('Fran', '/pdsa start Lincoln');
    expect(await cycles()).toEqual([]);
    expect(textOf(asked)).toContain('Who will own this cycle at Lincoln?');
    const form = asked.openForm!;
    expect(form.inputs.find((i) => i.id === 'site')?.initial).toBe(String(s.lincoln.id));
    expect(form.inputs.find((i) => i.id === 'owner')?.required).toBe(true);
    expect(slackProblems(form)).toEqual([]);
    expect(teamsProblems(form)).toEqual([]);

    // The form submitted without an owner is refused under the field.
    const submitted = await h.submit('Fran', 'cycle.start', {
      site: String(s.lincoln.id),
      idea: String(s.idea.id),
      measure: String(s.measure.id),
      owner: '',
      from: '2026-11-30',
      to: '2026-12-11',
    });
    expect(submitted.fieldErrors?.owner).toContain('Who will own this cycle');
    expect(await cycles()).toEqual([]);
  });

  it('is asked for with the usage in the terminal, which has no forms', async () => {
    await seedNetwork(t.db);
    const h = botHarness(t.db);
    const asked = await h.command('Fran', '/pdsa start Lincoln');
    expect(asked.openForm).toBeUndefined();
    expect(textOf(asked)).toContain('Who will own this cycle at Lincoln?');
    expect(textOf(asked)).toContain('/pdsa start Lincoln owner @Ana');
    expect(await cycles()).toEqual([]);
  });

  it('is the facilitator who says `owner me`', async () => {
    const s = await seedNetwork(t.db);
    const h = botHarness(t.db);
    expect(textOf(await h.command('Fran', '/pdsa start Lincoln owner me'))).toContain('Cycle #1 started');
    expect((await cycles())[0]?.owner_member_id).toBe(s.fran.id);
  });

  it('is the educator who starts a cycle at their own site', async () => {
    const s = await seedNetwork(t.db, { platform: 'slack' });
    const h = botHarness(t.db, undefined, { platform: 'slack' });
    expect(textOf(await h.command('Ana', '/pdsa start Lincoln'))).toContain('Cycle #1 started');
    expect((await cycles())[0]?.owner_member_id).toBe(s.ana.id);
  });
});

describe("a cycle whose dates cross the site's break", () => {
  it('starts, and the confirmation says which break it crosses', async () => {
    await seedNetwork(t.db);
    const h = botHarness(t.db);
    await h.command('Fran', '/pdsa site break Lincoln 2026-12-21 to 2027-01-01 Winter break');
    const started = textOf(
      await h.command('Fran', '/pdsa start Lincoln owner @Ana from 2026-12-14 for 3 weeks'),
    );
    expect(started).toContain('Cycle #1 started');
    expect(started).toContain('These dates cross Lincoln’s Winter break (Mon 21 Dec – Fri 1 Jan)');
    const clear = textOf(
      await h.command('Fran', '/pdsa start Washington owner @Wes from 2026-12-14 for 3 weeks'),
    );
    expect(clear).not.toContain('break');
  });
});

describe('/pdsa start with nothing after it', () => {
  it('prints the usage with the network’s own sites, ideas and measures in the terminal', async () => {
    await seedNetwork(t.db);
    const h = botHarness(t.db);
    const shown = await h.command('Fran', '/pdsa start');
    expect(shown.openForm).toBeUndefined();
    const text = textOf(shown);
    expect(text).toContain('Sites: Lincoln, Washington');
    expect(text).toContain('Change ideas: 1 Greet every student at the door');
    expect(text).toContain('Measures: On-time arrival');
    expect(text).toMatch(/\/pdsa start Lincoln idea 1 measure "On-time arrival" owner @\S+/);
    expect(text).not.toContain('(optional) (optional)');
  });

  it('opens a form that can be submitted when the network has no change idea yet', async () => {
    const s = await seedNetwork(t.db, { platform: 'slack' });
    await t.db.deleteFrom('change_ideas').execute();
    const h = botHarness(t.db, undefined, { platform: 'slack' });
    const opened = await h.command('Fran', '/pdsa start');
    const form = opened.openForm!;
    expect(form.inputs.find((i) => i.id === 'newIdea')).toMatchObject({ kind: 'text', required: true });
    expect(form.inputs.some((i) => i.kind === 'choice' && i.choices.length === 0)).toBe(false);
    expect(form.inputs.find((i) => i.id === 'question')?.label).not.toContain('optional');
    expect(slackProblems(form)).toEqual([]);
    expect(teamsProblems(form)).toEqual([]);

    const started = await h.submit('Fran', form.formId, {
      site: String(s.lincoln.id),
      newIdea: 'Text families the evening before',
      measure: String(s.measure.id),
      owner: '@Ana',
      from: '2026-11-30',
      to: '2026-12-11',
    });
    expect(textOf(started)).toContain('Cycle #1 started');
    const ideas = await t.db.selectFrom('change_ideas').select(['number', 'text']).execute();
    expect(ideas).toEqual([{ number: 1, text: 'Text families the evening before' }]);
  });

  it('says what to add first, instead of a form, when there is no site or no measure', async () => {
    await seedNetwork(t.db, { platform: 'slack' });
    const h = botHarness(t.db, undefined, { platform: 'slack' });
    await t.db.deleteFrom('measures').execute();
    const noMeasure = await h.command('Fran', '/pdsa start');
    expect(noMeasure.openForm).toBeUndefined();
    expect(textOf(noMeasure)).toContain('/pdsa measure add');
    await t.db.deleteFrom('members').where('site_id', 'is not', null).execute();
    await t.db.deleteFrom('sites').execute();
    const noSite = await h.command('Fran', '/pdsa start');
    expect(noSite.openForm).toBeUndefined();
    expect(textOf(noSite)).toContain('/pdsa site add');
  });
});
