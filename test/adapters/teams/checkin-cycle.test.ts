import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { composeCheckinPrompt } from '../../../src/bot/checkins/compose-prompt.ts';
import type { Phase } from '../../../src/core/domain.ts';
import { ANA, cardSubmit, FRAN, personalMessage } from './support/activities.ts';
import { cardErrors, cardsOf, cardText, submitData } from './support/cards.ts';
import { startTeamsHarness, type TeamsHarness } from './support/harness.ts';
import { PLAN_ANSWERS, seedTeamsNetwork, type TeamsNetwork } from './support/seed.ts';

// A whole PDSA cycle in Teams: each check-in prompt goes out through the
// port as a card with its form, Ana answers it by submitting the card, the
// card turns into the saved answer, and the decision's "Start the next
// cycle" button opens the start form, prefilled for the ramp, which starts
// the next cycle when submitted.

let h: TeamsHarness;
let s: TeamsNetwork;
beforeAll(async () => {
  h = await startTeamsHarness(new Date('2026-11-30T15:00:00Z')); // Monday 09:00 in Chicago
});
afterAll(() => h.close());
beforeEach(async () => {
  await h.reset();
  s = await seedTeamsNetwork(h);
});

type Card = Record<string, unknown>;

/** Every card posted or written (PUT) since the last call, each checked against the schema. */
function takeCards(): { method: string; activityId?: string; card: Card }[] {
  const out = h.standIn.calls
    .filter((c) => c.body && (c.method === 'PUT' || /\/activities/.test(c.path)))
    .flatMap((c) =>
      cardsOf(c.body).map((card) => ({
        method: c.method,
        ...(c.activityId ? { activityId: c.activityId } : {}),
        card,
      })),
    );
  for (const { card } of out) expect(cardErrors(card)).toEqual([]);
  h.standIn.calls.length = 0;
  return out;
}

/** The initial values a form card shows, as Teams would submit them untouched. */
function formDefaults(card: Card): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const element of card.body as Record<string, unknown>[]) {
    if (
      typeof element.type === 'string' &&
      element.type.startsWith('Input.') &&
      element.value !== undefined
    ) {
      values[element.id as string] = element.value;
    }
  }
  return values;
}

async function openCheckin(phase: Phase) {
  return h.db
    .selectFrom('checkins')
    .selectAll()
    .where('phase', '=', phase)
    .where('status', '=', 'open')
    .executeTakeFirstOrThrow();
}

/** The scheduler's part: the prompt for a check-in, sent to Ana through the port. */
async function prompt(checkinId: number): Promise<{ activityId: string; form: Record<string, unknown> }> {
  const ref = (await h.teams.port.send(
    s.educators[0]!.address,
    await composeCheckinPrompt(h.db, checkinId, { reminder: 0 }),
  )) as {
    activityId: string;
  };
  const [sent] = takeCards();
  const form = submitData(sent!.card).find((d) => d.pdsa === 'form');
  expect(form).toMatchObject({ formId: `checkin:${checkinId}` });
  return { activityId: ref.activityId, form: form! };
}

/** Ana fills in the prompt's form and submits it; returns the text of the card that replaced the form. */
async function answer(
  sent: { activityId: string; form: Record<string, unknown> },
  values: Record<string, unknown>,
) {
  expect(
    (await h.post(cardSubmit(h.env, ANA, { ...sent.form, ...values }, { replyToId: sent.activityId })))
      .status,
  ).toBe(200);
  const cards = takeCards();
  const replaced = cards.find((c) => c.method === 'PUT' && c.activityId === sent.activityId);
  expect(replaced, 'the form card is replaced by the answer').toBeDefined();
  return {
    answered: cardText(replaced!.card),
    all: cards.map((c) => cardText(c.card)).join('\n'),
    cards: cards.map((c) => c.card),
  };
}

describe('a PDSA cycle in Teams', () => {
  it('goes from plan to decision through check-in cards, and the decision offers the next cycle', async () => {
    await h.post(
      personalMessage(h.env, FRAN, `start Lincoln idea 1 owner <@${ANA.aadObjectId}|Ana Lopez> for 2 weeks`),
    );
    expect(cardText(takeCards()[0]!.card)).toContain('Cycle #1 started');

    const plan = await answer(await prompt((await openCheckin('plan')).id), PLAN_ANSWERS);
    expect(plan.answered).toContain('Plan answer for cycle #1 is saved');
    expect(plan.answered).toContain('18/24 (75%)');
    expect(plan.answered).toContain('Answered ✓');

    h.setNow(new Date('2026-12-07T14:05:00Z'));
    const doing = await answer(await prompt((await openCheckin('do')).id), {
      asPlanned: 'yes',
      unexpected: 'Buses were late twice',
      dataSoFar: '15/24',
    });
    expect(doing.answered).toContain('cycle #1');
    expect((await h.db.selectFrom('cycles').select('phase').executeTakeFirstOrThrow()).phase).toBe('study');

    h.setNow(new Date('2026-12-11T14:05:00Z'));
    const study = await answer(await prompt((await openCheckin('study')).id), {
      result: '20/24',
      learned: 'Names matter more than the greeting itself',
      surprised: '',
    });
    expect(study.all).toContain('You predicted 18/24 (75%); the result is 20/24 (83.3%)');

    const act = await answer(await prompt((await openCheckin('act')).id), {
      decision: 'adapt',
      nextStep: 'Try it at Washington with the bus arrivals',
    });
    expect(act.all).toContain('you decided to **adapt**');
    expect(await h.db.selectFrom('cycles').select(['phase', 'decision']).executeTakeFirstOrThrow()).toEqual({
      phase: 'closed',
      decision: 'adapt',
    });

    // The answer to the decision offers the next cycle of the ramp.
    const ramp = act.cards.flatMap(submitData).find((d) => d.pdsa === 'action');
    expect(ramp).toMatchObject({ pdsa: 'action', actionId: expect.stringMatching(/^cycle\.ramp/) });
    await h.post(cardSubmit(h.env, ANA, ramp!, { replyToId: '1:decision' }));
    const startForm = takeCards()
      .map((c) => c.card)
      .find((card) => submitData(card).some((d) => d.pdsa === 'form'))!;
    const start = submitData(startForm).find((d) => d.pdsa === 'form')!;
    expect(start).toMatchObject({ formId: 'cycle.start:1' });

    // The start form comes prefilled from cycle #1: its site, idea and measure, from today for as long.
    expect(formDefaults(startForm)).toEqual({
      site: String(s.lincoln.id),
      idea: String(s.idea.id),
      measure: String(s.measure.id),
      from: '2026-12-11',
      to: '2026-12-24',
    });

    // Submitted untouched, it starts cycle #2 at Lincoln, the next one of the ramp.
    await h.post(cardSubmit(h.env, ANA, { ...start, ...formDefaults(startForm) }, { replyToId: '1:start' }));
    expect(
      takeCards()
        .map((c) => cardText(c.card))
        .join('\n'),
    ).toContain('Cycle #2 started');
    expect(
      await h.db.selectFrom('cycles').select(['id', 'parent_cycle_id', 'site_id']).orderBy('id').execute(),
    ).toEqual([
      { id: 1, parent_cycle_id: null, site_id: s.lincoln.id },
      { id: 2, parent_cycle_id: 1, site_id: s.lincoln.id },
    ]);
  });
});
