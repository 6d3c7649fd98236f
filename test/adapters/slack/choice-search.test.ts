import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../support/test-db.ts';
import { optionsProblems } from './support/block-kit-limits.ts';
import { blockSuggestion, textValues, viewSubmission } from './support/payloads.ts';
import { type SlackHarness, startSlackHarness } from './support/slack-harness.ts';
import { ANA, FRAN, seedSlackNetwork } from './support/slack-seed.ts';

// A network of more than 100 sites: Slack's menus hold 100 options, so the
// start form's site menu searches instead (an external select that the
// adapter answers from the bot), and a site past the hundredth can be
// picked and the cycle started there.

let database: TestDatabase;
let slack: SlackHarness;

beforeAll(async () => {
  database = await createTestDatabase();
  slack = await startSlackHarness({ db: database.db });
});
afterAll(async () => {
  await slack?.close();
  await database?.close();
});
beforeEach(async () => {
  slack.standIn.reset();
  await database.reset();
});

type View = { blocks: { block_id: string; element: Record<string, unknown> }[]; private_metadata?: string };
type Option = { text: { text: string }; value: string };

/** Lincoln and 150 more schools; Fran's `/pdsa start` form as Slack got it. */
async function startFormOfBigNetwork(): Promise<View> {
  const seeded = await seedSlackNetwork(database.db);
  await database.db
    .insertInto('sites')
    .values(
      Array.from({ length: 150 }, (_, i) => ({ network_id: seeded.network.id, name: `School ${i + 1}` })),
    )
    .execute();
  await slack.command('start', { user: FRAN.user });
  const opened = await slack.standIn.waitForCall('views.open');
  return opened.args.view as View;
}

async function search(view: View, value: string, user = FRAN.user): Promise<Option[]> {
  const res = await slack.interaction(blockSuggestion({ view, actionId: 'site', value, user }));
  expect(res.status).toBe(200);
  const answer = JSON.parse(res.text) as { options: Option[] };
  expect(optionsProblems(answer)).toEqual([]);
  return answer.options;
}

describe('a start form with more sites than a Slack menu holds', () => {
  it('makes the site menu a search, listing the first hundred sites before anything is typed', async () => {
    const view = await startFormOfBigNetwork();
    const site = view.blocks.find((b) => b.block_id === 'site')!;
    expect(site.element).toMatchObject({ type: 'external_select', action_id: 'site', min_query_length: 0 });
    const all = await search(view, '');
    expect(all).toHaveLength(100);
    expect(all[0]?.text.text).toBe('Lincoln');
  });

  it('finds the sites matching what is typed, those starting with it first', async () => {
    const view = await startFormOfBigNetwork();
    const found = await search(view, 'school 14');
    const names = found.map((o) => o.text.text);
    expect(names[0]).toBe('School 14');
    expect(new Set(names.slice(1, 11))).toEqual(
      new Set(Array.from({ length: 10 }, (_, i) => `School ${140 + i}`)),
    );
    // Then the other names holding every typed word.
    expect(names.slice(11)).toEqual(['School 114']);
    expect((await search(view, 'LINC')).map((o) => o.text.text)).toEqual(['Lincoln']);
    expect(await search(view, 'nowhere')).toEqual([]);
  });

  it('starts the cycle at a site past the hundredth, picked from the search', async () => {
    const view = await startFormOfBigNetwork();
    const [school140] = await search(view, 'School 140');
    expect(school140?.text.text).toBe('School 140');
    const [idea] = (view.blocks.find((b) => b.block_id === 'idea')!.element.options as Option[]) ?? [];
    const values = {
      ...textValues({ owner: `<@${ANA.user}>`, with: '', question: '' }),
      site: { site: { type: 'external_select', selected_option: school140 } },
      idea: { idea: { type: 'radio_buttons', selected_option: idea } },
      measure: {
        measure: {
          type: 'radio_buttons',
          selected_option: (
            view.blocks.find((b) => b.block_id === 'measure')!.element.options as Option[]
          )[0],
        },
      },
      from: { from: { type: 'datepicker', selected_date: '2026-11-30' } },
      to: { to: { type: 'datepicker', selected_date: '2026-12-11' } },
    };
    const saved = await slack.interaction(viewSubmission({ view, values, user: FRAN.user }));
    expect(saved.status).toBe(200);
    expect(saved.text).toBe('');
    const cycle = await database.db
      .selectFrom('cycles')
      .innerJoin('sites', 'sites.id', 'cycles.site_id')
      .select(['sites.name'])
      .executeTakeFirstOrThrow();
    expect(cycle.name).toBe('School 140');
  });

  it('finds nothing for someone outside the network', async () => {
    const view = await startFormOfBigNetwork();
    expect(await search(view, 'School', 'U999')).toEqual([]);
  });
});
