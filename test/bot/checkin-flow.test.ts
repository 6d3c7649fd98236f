import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../support/test-db.ts';
import { botHarness, promptOpenCheckins, seedNetwork, textOf } from './support/bot-harness.ts';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.close());
beforeEach(() => t.reset());

describe('a PDSA cycle from start to decision', () => {
  it('walks the owner through Plan with a prediction, participants through Do, then Study and Act', async () => {
    const s = await seedNetwork(t.db);
    const h = botHarness(t.db, new Date('2026-11-30T15:00:00Z')); // Monday 09:00 in Chicago
    const started = await h.command(
      'Fran',
      '/pdsa start Lincoln idea 1 owner @Ana with @Ben from today for 2 weeks',
    );
    expect(textOf(started)).toContain('Cycle #1 started');
    expect(textOf(started)).toContain('Ana will be asked to plan it and to predict the result now');

    const plan = await t.db.selectFrom('checkins').selectAll().executeTakeFirstOrThrow();
    expect(plan).toMatchObject({ phase: 'plan', member_id: s.ana.id, status: 'open' });

    await promptOpenCheckins(t.db, h.now());
    expect(textOf(await h.reply('Ana', 'Does greeting students raise on-time arrival?'))).toContain(
      'Question 2 of 6',
    );
    await h.reply('Ana', 'Greet each student by name at the door');
    const badNumber = await h.reply('Ana', 'a lot more');
    expect(textOf(badNumber)).toContain('"a lot more"');
    expect(textOf(badNumber)).toContain('Plan check-in for cycle #1, question 3 of 6');
    await h.reply('Ana', '18/24');
    await h.reply('Ana', 'skip');
    await h.reply('Ana', 'Ana and Ben, at the door, 7:50-8:05 each morning');
    const planDone = await h.reply('Ana', 'Tally of students in the room at the bell');
    expect(textOf(planDone)).toContain('Plan answer for cycle #1 is saved');
    expect(textOf(planDone)).toContain('18/24 (75%)');

    const savedPlan = await t.db
      .selectFrom('checkins')
      .selectAll()
      .where('phase', '=', 'plan')
      .executeTakeFirstOrThrow();
    expect(savedPlan).toMatchObject({ status: 'answered', numerator: 18, denominator: 24, value: 0.75 });
    const raw = await t.db.selectFrom('raw_replies').selectAll().orderBy('id').execute();
    expect(raw).toHaveLength(7);
    expect(raw.find((r) => r.text === 'a lot more')?.understood).toBe(false);

    const cycle = await t.db.selectFrom('cycles').selectAll().executeTakeFirstOrThrow();
    expect(cycle.phase).toBe('do');
    const doCheckins = await t.db
      .selectFrom('checkins')
      .selectAll()
      .where('phase', '=', 'do')
      .orderBy('member_id')
      .execute();
    expect(doCheckins.map((c) => c.member_id)).toEqual([s.ana.id, s.ben.id]);
    // Do is due at the midpoint: Monday 7 December, 08:00 in Chicago.
    expect(new Date(doCheckins[0]!.due_at).toISOString()).toBe('2026-12-07T14:00:00.000Z');

    h.setNow(new Date('2026-12-07T14:05:00Z'));
    await promptOpenCheckins(t.db, h.now());
    const form = await h.submit('Ben', `checkin:${doCheckins[1]!.id}`, {
      asPlanned: 'partly',
      unexpected: 'Buses were late twice',
      dataSoFar: '',
    });
    expect(textOf(form)).toContain('Waiting for Ana: the cycle moves on to Study when they have answered.');
    await h.reply('Ana', 'yes');
    await h.reply('Ana', 'skip');
    await h.reply('Ana', '15 of 24');
    expect((await t.db.selectFrom('cycles').select('phase').executeTakeFirstOrThrow()).phase).toBe('study');

    h.setNow(new Date('2026-12-11T14:05:00Z'));
    await promptOpenCheckins(t.db, h.now());
    const result = await h.reply('Ana', '20/24');
    expect(textOf(result)).toContain('You predicted 18/24 (75%); the result is 20/24 (83.3%)');
    expect(textOf(result)).toContain('higher than predicted');
    await h.reply('Ana', 'Names matter more than the greeting itself');
    const studyDone = await h.reply('Ana', 'Late buses hide the effect');
    expect(textOf(studyDone)).toContain('Act check-in');

    await h.reply('Ana', 'adapt');
    const closed = await h.reply('Ana', 'Try it at Washington with the bus arrivals');
    expect(textOf(closed)).toContain('you decided to adapt');
    expect(textOf(closed)).toContain('[Start the next cycle]');
    expect(await t.db.selectFrom('cycles').select(['phase', 'decision']).executeTakeFirstOrThrow()).toEqual({
      phase: 'closed',
      decision: 'adapt',
    });

    const next = await h.command('Ana', '/pdsa start next 1');
    expect(textOf(next)).toContain('Cycle #2 started (next in the ramp after #1)');
    const ramp = await t.db.selectFrom('cycles').selectAll().where('id', '=', 2).executeTakeFirstOrThrow();
    expect(ramp).toMatchObject({
      parent_cycle_id: 1,
      site_id: s.lincoln.id,
      change_idea_id: s.idea.id,
      owner_member_id: s.ana.id,
    });
    expect(ramp.starts_on).toBe('2026-12-11');
    expect(ramp.ends_on).toBe('2026-12-24');

    const learnings = textOf(await h.command('Wes', '/pdsa learnings'));
    expect(learnings).toContain('Idea 1: Greet every student at the door');
    expect(learnings).toContain('Lincoln, cycle #1');
    expect(learnings).toContain('Predicted 18/24 (75%); the result is 20/24 (83.3%)');
    expect(learnings).toContain('Names matter more than the greeting itself');

    const exported = await h.command('Fran', '/pdsa export');
    const files = exported.replies[0]!.message.blocks.filter((b) => b.type === 'file');
    expect(files.map((f) => f.type === 'file' && f.title)).toEqual([
      'Cycles',
      'Check-ins',
      'Site conditions over time',
      'Driver diagram',
    ]);
    const cyclesCsv = files[0]!.type === 'file' ? files[0]!.content : '';
    expect(cyclesCsv.split('\r\n')[1]).toContain(
      '1,Lincoln,1,Greet every student at the door,On-time arrival,proportion,Ana',
    );
    expect(cyclesCsv).toContain('adapt');
    expect(cyclesCsv).toContain(',0.75,18,24,');
  });

  it('keeps the earlier version when an answer is edited while its phase is open', async () => {
    await seedNetwork(t.db, { platform: 'slack' });
    const h = botHarness(t.db, undefined, { platform: 'slack' });
    await h.command('Fran', '/pdsa start Lincoln owner @Ana for 10 days');
    await promptOpenCheckins(t.db, h.now());
    const plan = await t.db.selectFrom('checkins').selectAll().executeTakeFirstOrThrow();
    const values = {
      question: 'Q',
      change: 'C',
      prediction: '40%',
      predictionReason: '',
      logistics: 'L',
      dataCollection: 'D',
    };
    await h.submit('Ana', `checkin:${plan.id}`, values);
    const edit = await h.command('Ana', '/pdsa answer 1 plan');
    expect(edit.openForm?.inputs.find((i) => i.id === 'prediction')?.initial).toBe('40%');
    const saved = await h.submit('Ana', `checkin:${plan.id}`, { ...values, prediction: '12/30' });
    expect(textOf(saved)).toContain('is updated');
    const revisions = await t.db.selectFrom('checkin_revisions').selectAll().execute();
    expect(revisions).toHaveLength(1);
    expect(revisions[0]!.answer.prediction).toEqual({ value: 0.4 });
    expect(
      await t.db
        .selectFrom('checkins')
        .select(['value', 'version'])
        .where('id', '=', plan.id)
        .executeTakeFirstOrThrow(),
    ).toEqual({ value: 0.4, version: 2 });
  });

  it('refuses a form with a non-number where a number is due, naming the field, and saves nothing', async () => {
    await seedNetwork(t.db);
    const h = botHarness(t.db);
    await h.command('Fran', '/pdsa start Lincoln owner @Ana');
    const plan = await t.db.selectFrom('checkins').selectAll().executeTakeFirstOrThrow();
    const result = await h.submit('Ana', `checkin:${plan.id}`, {
      question: 'Q',
      change: 'C',
      prediction: 'most of them',
      logistics: 'L',
      dataCollection: 'D',
    });
    expect(result.fieldErrors?.prediction).toContain('most of them');
    expect(textOf(result)).toContain('Nothing was saved');
    expect((await t.db.selectFrom('checkins').select('status').executeTakeFirstOrThrow()).status).toBe(
      'open',
    );
  });

  it('does nothing the second time the same event id arrives', async () => {
    await seedNetwork(t.db);
    const h = botHarness(t.db);
    const event = {
      kind: 'command' as const,
      eventId: 'Ev-same',
      actor: h.actor('Fran'),
      text: '/pdsa start Lincoln owner @Ana',
    };
    const first = await h.bot.handle(event);
    const second = await h.bot.handle(event);
    expect(textOf(first)).toContain('Cycle #1 started');
    expect(second.duplicate).toBe(true);
    expect(await t.db.selectFrom('cycles').select('id').execute()).toHaveLength(1);
  });

  it('lets an educator start a cycle only at their own site with themselves as owner', async () => {
    await seedNetwork(t.db);
    const h = botHarness(t.db);
    expect(textOf(await h.command('Ana', '/pdsa start Washington owner @Wes'))).toContain(
      'ask a facilitator',
    );
    expect(textOf(await h.command('Ana', '/pdsa start Lincoln'))).toContain('Cycle #1 started');
  });

  it('explains a malformed start command with what to type instead', async () => {
    await seedNetwork(t.db);
    const h = botHarness(t.db);
    expect(textOf(await h.command('Fran', '/pdsa start Narnia owner @Ana'))).toContain(
      'There is no site "Narnia". The sites are: Lincoln, Washington',
    );
    expect(textOf(await h.command('Fran', '/pdsa start Lincoln owner @Zed'))).toContain(
      'I don\'t know anyone called "Zed"',
    );
    expect(
      textOf(await h.command('Fran', '/pdsa start Lincoln owner @Ana from 2026-12-10 to 2026-12-01')),
    ).toMatch(/end|before/);
    expect(textOf(await h.command('Fran', '/pdsa strat Lincoln'))).toContain('Did you mean start?');
  });
});

describe('starting a cycle from the form', () => {
  it('creates the cycle from the chosen site, idea and measure, and refuses ids of another network', async () => {
    const s = await seedNetwork(t.db, { platform: 'slack' });
    const h = botHarness(t.db, undefined, { platform: 'slack' });
    const opened = await h.command('Fran', '/pdsa start');
    expect(opened.openForm?.formId).toBe('cycle.start');
    const values = {
      site: String(s.lincoln.id),
      idea: String(s.idea.id),
      measure: String(s.measure.id),
      owner: 'Ana',
      with: 'Ben',
      from: '2026-11-30',
      to: '2026-12-11',
      question: '',
    };
    expect(textOf(await h.submit('Fran', 'cycle.start', values))).toContain('Cycle #1 started');
    const other = await t.db
      .insertInto('networks')
      .values({ name: 'Other NIC', time_zone: 'UTC' })
      .returningAll()
      .executeTakeFirstOrThrow();
    const foreign = await t.db
      .insertInto('sites')
      .values({ network_id: other.id, name: 'Elsewhere' })
      .returningAll()
      .executeTakeFirstOrThrow();
    expect(textOf(await h.submit('Fran', 'cycle.start', { ...values, site: String(foreign.id) }))).toContain(
      'not in your network',
    );
    expect(await t.db.selectFrom('cycles').select('id').execute()).toHaveLength(1);
  });
});

describe('typed text on platforms without slash commands', () => {
  it('answers the open question even when the answer starts with a command word', async () => {
    await seedNetwork(t.db);
    const h = botHarness(t.db);
    await h.command('Fran', '/pdsa start Lincoln owner @Ana');
    await promptOpenCheckins(t.db, h.now());
    expect(textOf(await h.reply('Ana', 'Close the gap between bell and arrival?'))).toContain(
      'Question 2 of 6',
    );
  });

  it('runs a command word as a command when no answer is expected, and a bare command name always', async () => {
    await seedNetwork(t.db);
    const h = botHarness(t.db);
    expect(textOf(await h.reply('Wes', 'cycles all'))).toContain('Cycles in Literacy NIC');
    await h.command('Fran', '/pdsa start Lincoln owner @Ana');
    await promptOpenCheckins(t.db, h.now());
    expect(textOf(await h.reply('Ana', 'help'))).toContain('pdsa-bot commands');
  });
});
