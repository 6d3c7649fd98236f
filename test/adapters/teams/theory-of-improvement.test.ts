import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { cardSubmit, FRAN, personalMessage } from './support/activities.ts';
import { cardErrors, cardsOf, cardText, submitData } from './support/cards.ts';
import { PUBLIC_URL, startTeamsHarness, type TeamsHarness } from './support/harness.ts';
import { seedTeamsNetwork } from './support/seed.ts';

// Site conditions and the driver diagram through Teams: typed commands in
// the 1:1 chat, a form card for a site's conditions answered in place, and
// the diagram's picture served by the bot and linked from the card.

let h: TeamsHarness;
beforeAll(async () => {
  h = await startTeamsHarness(new Date('2026-11-30T15:00:00Z'));
});
afterAll(() => h.close());
beforeEach(async () => {
  await h.reset();
  await seedTeamsNetwork(h);
});

type Card = Record<string, unknown>;

/** The cards the bot posted since the last call, each valid against the Adaptive Card 1.5 schema. */
function takeCards(): Card[] {
  const cards = h.standIn.calls
    .filter((c) => c.body && /\/activities/.test(c.path))
    .flatMap((c) => cardsOf(c.body));
  for (const card of cards) expect(cardErrors(card)).toEqual([]);
  h.standIn.calls.length = 0;
  return cards;
}

async function say(text: string): Promise<Card[]> {
  await h.post(personalMessage(h.env, FRAN, text));
  return takeCards();
}

describe('theory of improvement on Teams', () => {
  it("sets a site's conditions from a form card answered in the chat", async () => {
    expect(cardText((await say('network conditions level: middle, high'))[0]!)).toContain(
      'Conditions of Literacy NIC',
    );
    const cards = await say('site Lincoln set');
    const form = cards.find((c) => submitData(c).some((d) => d.pdsa === 'form'))!;
    const submit = submitData(form).find((d) => d.pdsa === 'form')!;
    expect(String(submit.formId)).toMatch(/^site\.conditions:\d+$/);
    const choice = (form.body as Record<string, unknown>[]).find((e) => e.type === 'Input.ChoiceSet')!;
    const high = (choice.choices as { title: string; value: string }[]).find(
      (c) => c.title === 'high',
    )!.value;
    await h.post(
      cardSubmit(h.env, FRAN, { ...submit, [choice.id as string]: high }, { replyToId: '1:form' }),
    );
    const confirmed = takeCards().map(cardText).join('\n');
    expect(confirmed).toContain('level is **high**, for all its cycles so far and from now on.');
  });

  it('shows the driver diagram with its picture linked from the card', async () => {
    await say('driver add Belonging');
    await say('idea 1 driver Belonging');
    const [card] = await say('drivers');
    const image = (card!.body as Record<string, unknown>[]).find((e) => e.type === 'Image')!;
    expect(String(image.url)).toMatch(
      new RegExp(`^${PUBLIC_URL}/files/.+/driver-diagram-literacy-nic\\.png$`),
    );
    const picture = await h.fetchLink(String(image.url));
    expect(picture.status).toBe(200);
    expect(picture.headers.get('content-type')).toBe('image/png');
    expect(cardText(card!)).toContain('**Belonging** (primary driver)');
  });
});
