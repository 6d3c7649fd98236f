import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { messageActivity } from '../../../adapters/teams/outgoing.ts';
import { answeredMessage } from '../../../adapters/teams/render/answered-card.ts';
import { renderCard } from '../../../adapters/teams/render/card.ts';
import { CARD_BYTE_BUDGET, cardBytes } from '../../../adapters/teams/render/fit-card.ts';
import { channelWelcome, personalWelcome } from '../../../adapters/teams/welcome.ts';
import { composeCheckinPrompt } from '../../../src/bot/checkins/compose-prompt.ts';
import { allCommands } from '../../../src/bot/commands/index.ts';
import type { HandlerResult } from '../../../src/bot/outbound.ts';
import type { Message } from '../../../src/core/message-model.ts';
import { botHarness, seedNetwork } from '../../bot/support/bot-harness.ts';
import { createTestDatabase, type TestDatabase } from '../../support/test-db.ts';
import { cardErrors } from './support/cards.ts';

// Every card the bot sends in Teams is one of the core's messages rendered
// by renderCard. This plays a network through the core (setup, a cycle
// through all four check-ins, views, exports, mistakes), collects every
// message and form it produced or queued, renders each, and checks the
// card against the Adaptive Card 1.5 schema and the Teams size budget.

let t: TestDatabase;
const collected: { source: string; message: Message }[] = [];

function keep(source: string, result: HandlerResult) {
  for (const [i, r] of result.replies.entries())
    collected.push({ source: `${source} #${i}`, message: r.message });
  if (result.openForm) {
    collected.push({
      source: `${source} (form)`,
      message: { summary: 'form', blocks: [{ type: 'form', form: result.openForm }] },
    });
    // In Teams the form's card is replaced by the answer once submitted.
    collected.push({
      source: `${source} (answered)`,
      message: answeredMessage(undefined, result.openForm.title),
    });
  }
}

beforeAll(async () => {
  t = await createTestDatabase();
  await seedNetwork(t.db);
  const h = botHarness(t.db, new Date('2026-11-30T15:00:00Z'));
  const run = async (who: string, text: string) => keep(`${who}: ${text}`, await h.command(who, text));
  const reply = async (who: string, text: string) => keep(`${who} replies ${text}`, await h.reply(who, text));
  const prompted = async () => {
    await t.db
      .updateTable('checkins')
      .set({ prompted_at: h.now() })
      .where('prompted_at', 'is', null)
      .execute();
  };
  const prompts = async () => {
    for (const c of await t.db.selectFrom('checkins').select('id').execute()) {
      for (const reminder of [0, 1]) {
        collected.push({
          source: `prompt ${c.id} reminder ${reminder}`,
          message: await composeCheckinPrompt(t.db, c.id, { reminder }),
        });
      }
    }
  };

  await run('Fran', '/pdsa help');
  for (const command of allCommands()) await run('Fran', `/pdsa help ${command.name}`);
  await run('Fran', '/pdsa frobnicate');
  for (const view of ['network', 'sites', 'members', 'measures', 'ideas', 'status', 'start', 'cycles all']) {
    await run('Fran', `/pdsa ${view}`);
  }
  await run('Fran', '/pdsa start Lincoln idea 1 owner @Ana with @Ben from today for 2 weeks');
  await prompts();
  await prompted();
  await run('Ana', '/pdsa answer 1');
  keep(
    'Ana submits a plan with a mistake',
    await h.submit('Ana', 'checkin:1', {
      question: 'Q',
      change: 'C',
      prediction: 'most of them',
      logistics: 'L',
      dataCollection: 'D',
    }),
  );
  keep(
    'Ana submits the plan',
    await h.submit('Ana', 'checkin:1', {
      question: 'Does greeting students raise on-time arrival?',
      change: 'Greet each student by name at the door',
      prediction: '18/24',
      predictionReason: '',
      logistics: 'Ana and Ben, at the door, 7:50-8:05',
      dataCollection: 'Tally at the bell',
    }),
  );
  h.setNow(new Date('2026-12-07T14:05:00Z'));
  await prompts();
  await prompted();
  for (const [who, text] of [
    ['Ana', 'yes'],
    ['Ana', 'skip'],
    ['Ana', '15 of 24'],
    ['Ben', 'partly'],
    ['Ben', 'Buses were late twice'],
    ['Ben', 'skip'],
  ] as const) {
    await reply(who, text);
  }
  h.setNow(new Date('2026-12-11T14:05:00Z'));
  await prompts();
  await prompted();
  for (const text of [
    '20/24',
    'Names matter more than the greeting',
    'Late buses hide the effect',
    'adapt',
    'Try it at Washington',
  ]) {
    await reply('Ana', text);
  }
  for (const view of ['status', 'cycles', 'cycle 1', 'learnings', 'export', 'export me', 'remind 1']) {
    await run('Fran', `/pdsa ${view}`);
  }
  await run('Ana', '/pdsa status');
  await run('Ana', '/pdsa export me');

  const queued = await t.db.selectFrom('deliveries').select(['kind', 'payload']).execute();
  for (const row of queued) {
    const payload = row.payload as { message?: Message };
    if (payload.message) collected.push({ source: `queued ${row.kind}`, message: payload.message });
  }
  const home = await h.bot.home(h.actor('Fran'));
  collected.push({ source: 'welcome (personal, facilitator)', message: personalWelcome(home) });
  collected.push({
    source: 'welcome (personal, new)',
    message: personalWelcome(await h.bot.home(h.actor('Newcomer'))),
  });
  collected.push({ source: 'welcome (channel)', message: channelWelcome('channel') });
  collected.push({ source: 'welcome (group chat)', message: channelWelcome('groupChat') });
}, 120_000);

afterAll(() => t.close());

describe('every card the bot can send', () => {
  it('played a whole cycle, so that there is much to check', async () => {
    expect(await t.db.selectFrom('cycles').select(['phase', 'decision']).executeTakeFirstOrThrow()).toEqual({
      phase: 'closed',
      decision: 'adapt',
    });
    expect(collected.length).toBeGreaterThan(60);
    const blockTypes = new Set(collected.flatMap((c) => c.message.blocks.map((b) => b.type)));
    for (const type of ['heading', 'text', 'fields', 'buttons', 'form', 'file', 'context']) {
      expect(blockTypes, type).toContain(type);
    }
  });

  it('renders each as a valid Adaptive Card 1.5 within the Teams size budget', () => {
    const problems: string[] = [];
    for (const { source, message } of collected) {
      const card = renderCard(message);
      const errors = cardErrors(card);
      if (errors.length > 0) problems.push(`${source}: ${errors.slice(0, 3).join('; ')}`);
      if (cardBytes(card) > CARD_BYTE_BUDGET) problems.push(`${source}: ${cardBytes(card)} bytes`);
      const activityBytes = Buffer.byteLength(JSON.stringify(messageActivity(message)));
      if (activityBytes > 28 * 1024) problems.push(`${source}: activity of ${activityBytes} bytes`);
    }
    expect(problems).toEqual([]);
  });
});
