import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { seedCycle } from '../../digest/support/seed.ts';
import { FRAN, personalMessage } from './support/activities.ts';
import { cardErrors, cardsOf, cardText } from './support/cards.ts';
import { PUBLIC_URL, startTeamsHarness, type TeamsHarness } from './support/harness.ts';
import { seedTeamsNetwork } from './support/seed.ts';

// Teams messages carry files only as links, so an export in Teams is a card
// with the first lines and a download link that the bot serves itself, for
// a day, to whoever has the link (as Teams clients fetch without the bot's
// credentials).

let h: TeamsHarness;
beforeAll(async () => {
  h = await startTeamsHarness(new Date('2026-11-30T15:00:00Z'));
});
afterAll(() => h.close());
beforeEach(async () => {
  await h.reset();
  const s = await seedTeamsNetwork(h);
  // Twenty weekly cycles at Lincoln: more lines than a card shows.
  for (let week = 20; week < 40; week++) {
    await seedCycle(
      h.db,
      {
        networkId: s.network.id,
        siteId: s.lincoln.id,
        ideaId: s.idea.id,
        measureId: s.measure.id,
        ownerId: s.educators[0]!.memberId,
      },
      `2026-W${week}`,
    );
  }
});

async function exportCard() {
  await h.post(personalMessage(h.env, FRAN, 'export'));
  const cards = h.standIn.calls.flatMap((c) => cardsOf(c.body));
  h.standIn.calls.length = 0;
  const card = cards.find((c) => cardText(c).includes('.csv'));
  expect(card, 'the export card').toBeDefined();
  expect(cardErrors(card!)).toEqual([]);
  const actions = (card!.body as { type: string; actions?: { type: string; url: string; title: string }[] }[])
    .flatMap((e) => e.actions ?? [])
    .filter((a) => a.type === 'Action.OpenUrl');
  expect(actions.length).toBeGreaterThan(0);
  return { card: card!, download: actions[0]! };
}

describe('an export in Teams', () => {
  it('links to the whole CSV, served as a download for 24 hours', async () => {
    const { card, download } = await exportCard();
    expect(download.title).toMatch(/^Download .+\.csv$/);
    expect(download.url).toMatch(new RegExp(`^${PUBLIC_URL}/files/[A-Za-z0-9_-]{32}/.+\\.csv$`));
    expect(cardText(card)).toContain('The download link works for 24 hours');

    const response = await h.fetchLink(download.url);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toMatch(/^attachment; filename=".+\.csv"$/);
    expect(response.headers.get('cache-control')).toBe('private, no-store');
    const csv = await response.text();
    const rows = csv.trim().split(/\r?\n/);
    expect(rows).toHaveLength(21);
    expect(rows[0]).toMatch(/^cycle_number,site,/);
    expect(rows.slice(1).every((row) => row.includes(',Lincoln,'))).toBe(true);
    expect(cardText(card)).toContain('The first 12 of 21 lines are shown here.');

    const head = await h.fetchLink(download.url, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers.get('content-length')).toBe(String(Buffer.byteLength(csv)));

    h.setNow(new Date(h.now().getTime() + 24 * 3_600_000));
    const expired = await h.fetchLink(download.url);
    expect(expired.status).toBe(404);
    expect(await expired.text()).toContain('This link has expired');
  });

  it('each export gets its own link', async () => {
    const first = await exportCard();
    const second = await exportCard();
    expect(second.download.url).not.toBe(first.download.url);
  });
});

describe('the file links', () => {
  it('answer 404 for a token never issued and 405 for anything but GET and HEAD', async () => {
    expect((await h.fetchLink(`${PUBLIC_URL}/files/${'A'.repeat(32)}/x.csv`)).status).toBe(404);
    expect((await h.fetchLink(`${PUBLIC_URL}/files/`)).status).toBe(404);
    expect((await h.fetchLink(`${PUBLIC_URL}/files/%2e%2e%2fapi%2fmessages`)).status).toBe(404);
    const post = await h.fetchLink(`${PUBLIC_URL}/files/${'A'.repeat(32)}/x.csv`, { method: 'POST' });
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET, HEAD');
  });

  it('leave the messaging endpoint as it was: other paths are 404', async () => {
    expect((await h.fetchLink(`${PUBLIC_URL}/images/x.png`)).status).toBe(404);
  });
});
