import type { Address } from '../../../src/core/address.ts';
import type { Db } from '../../../src/db/connect.ts';
import { botHarness, seedNetwork, textOf } from '../../bot/support/bot-harness.ts';

// Two improvement networks in one chat workspace, built through the bot's
// own commands and forms, so that every row is one the bot itself wrote:
//
// A, "Literacy NIC": Fran (admin), Fay (facilitator), Ana and Ben (educators
// at Lincoln), Wes and Dee (educators at Washington), Pat (asking to join
// Lincoln). Cycle `aClosed` at Lincoln, owned by Ben with Ana, went through
// Plan, Do, Study and Act (adopt); cycle `aOpen`, also Ben's, waits for its
// Plan. A break at Lincoln; a digest channel. Conditions level (elementary,
// middle) and locale (urban, rural): Lincoln is a middle school. Primary
// drivers "Students feel expected" (with "Adults greet each student" under
// it, where the first idea is) and "Families can help".
//
// B, "Quokka ZEBRA-SECRET network": the same shape, and every text in it
// carries the marker ZEBRA-SECRET, so that a reply to someone of A that
// shows anything of B is caught by looking for the marker. Its people are
// Zoe (admin), Zack (facilitator), Zina (educator) and Zeke (asking to
// join); it too has a site called Lincoln. Its cycles and ideas are
// numbered past A's (two warm-up cycles, closed at once, and a first idea),
// so that B's numbers typed in A name nothing there. Its condition
// "Wombat …" has a value that Okapi has.
//
// Nel has never been in a network.

export const SECRET = 'ZEBRA-SECRET';
export const B_PEOPLE = ['Zoe', 'Zack', 'Zina', 'Zeke'] as const;

const START = new Date('2026-11-30T15:00:00Z'); // Monday 09:00 in Chicago

export type TwoNetworks = Awaited<ReturnType<typeof buildTwoNetworks>>;

export async function buildTwoNetworks(db: Db) {
  const h = botHarness(db, START);
  const ok = async (who: string, line: string, conversation?: Address) => {
    const result = conversation
      ? await h.send({ kind: 'command', actor: h.actor(who), text: line, conversation })
      : await h.command(who, line);
    return textOf(result);
  };
  const must = async (who: string, line: string, expected: RegExp, conversation?: Address) => {
    const text = await ok(who, line, conversation);
    if (!expected.test(text)) throw new Error(`seeding: ${who} typed "${line}" and got: ${text}`);
    return text;
  };
  const submit = async (who: string, checkinId: number, values: Record<string, string>) => {
    const text = textOf(await h.submit(who, `checkin:${checkinId}`, values));
    if (!/is saved|is updated/.test(text)) throw new Error(`seeding: ${who} answering ${checkinId}: ${text}`);
  };
  const checkin = async (cycleId: number, who: string, phase: string) => {
    const row = await db
      .selectFrom('checkins')
      .innerJoin('members', 'members.id', 'checkins.member_id')
      .innerJoin('people', 'people.id', 'members.person_id')
      .select('checkins.id')
      .where('checkins.cycle_id', '=', cycleId)
      .where('people.display_name', '=', who)
      .where('checkins.phase', '=', phase as 'plan')
      .executeTakeFirstOrThrow();
    return row.id;
  };
  /** The row id of the cycle a confirmation names by its number in the network. */
  const cycleIdOf = async (text: string, networkName: string) => {
    const number = Number(/Cycle #(\d+) started/.exec(text)?.[1]);
    const row = await db
      .selectFrom('cycles')
      .innerJoin('networks', 'networks.id', 'cycles.network_id')
      .select(['cycles.id', 'cycles.number'])
      .where('networks.name', '=', networkName)
      .where('cycles.number', '=', number)
      .executeTakeFirstOrThrow();
    return row;
  };
  /** A whole cycle, Plan to Act, answered by its owner (and a participant's Do). */
  const runCycle = async (cycleId: number, owner: string, participant: string | null, words: string) => {
    await submit(owner, await checkin(cycleId, owner, 'plan'), {
      question: `Does it help? ${words}`,
      change: `The change ${words}`,
      prediction: '18/24',
      predictionReason: `Because ${words}`,
      logistics: `Mornings ${words}`,
      dataCollection: `A tally ${words}`,
    });
    for (const who of participant ? [owner, participant] : [owner]) {
      await submit(who, await checkin(cycleId, who, 'do'), {
        asPlanned: 'partly',
        unexpected: `Buses were late ${words}`,
        dataSoFar: '10/20',
      });
    }
    await submit(owner, await checkin(cycleId, owner, 'study'), {
      result: '20/24',
      learned: `Names matter ${words}`,
      surprised: `The older ones liked it ${words}`,
    });
    await submit(owner, await checkin(cycleId, owner, 'act'), {
      decision: 'adopt',
      nextStep: `Every door ${words}`,
    });
  };

  // ---- Network A ----
  const a = await seedNetwork(db);
  await must('Fran', '/pdsa member add @Fay as facilitator', /Added Fay/);
  await must('Fran', '/pdsa member add @Dee to Washington', /Added Dee/);
  await must('Fran', '/pdsa network channel here', /chose this conversation/, {
    platform: 'shell',
    channel: 'literacy',
    name: '#literacy',
  });
  await must('Fran', '/pdsa site break Lincoln 2026-12-21 to 2027-01-01 Winter break', /on a break/);
  await must('Pat', '/pdsa join Literacy NIC / Lincoln', /asked the facilitators/);
  await must(
    'Fran',
    '/pdsa network conditions level: elementary, middle; locale: urban, rural',
    /Conditions of/,
  );
  await must('Fran', '/pdsa site Lincoln set level middle', /level is middle/);
  await must('Fran', '/pdsa driver add Students feel expected', /Added the primary driver/);
  await must('Fran', '/pdsa driver add Families can help', /Added the primary driver/);
  await must(
    'Fran',
    '/pdsa driver add Adults greet each student under Students feel',
    /Added the secondary driver/,
  );
  const aClosed = await cycleIdOf(
    await must(
      'Fran',
      '/pdsa start Lincoln owner @Ben with @Ana from 2026-11-16 to 2026-11-27 question Does greeting help?',
      /started/,
    ),
    'Literacy NIC',
  );
  await runCycle(aClosed.id, 'Ben', 'Ana', 'at Lincoln');
  const aOpen = await cycleIdOf(
    await must('Fran', '/pdsa start Lincoln owner @Ben with @Ana', /started/),
    'Literacy NIC',
  );
  await must('Fran', `/pdsa idea ${a.idea.number} driver Adults greet`, /now acts on the driver/);
  for (const who of ['Ana', 'Ben', 'Fay', 'Fran'])
    await must(who, '/pdsa pause until 2026-12-11', /No check-ins/);
  await must('Fran', '/pdsa pause @Wes until 2026-12-11', /No check-ins for Wes/);

  // ---- Network B ----
  await must(
    'Zoe',
    `/pdsa network create "Quokka ${SECRET} network" aim "${SECRET} aim: every quokka reads" tz UTC`,
    /is set up/,
  );
  await must('Zoe', `/pdsa site add "Okapi ${SECRET} school"`, /Added the site/);
  await must('Zoe', '/pdsa site add Lincoln', /Added the site/);
  await must('Zoe', '/pdsa member add @Zack as facilitator', /Added Zack/);
  await must('Zoe', '/pdsa member add @Zina to Okapi', /Added Zina/);
  await must(
    'Zoe',
    `/pdsa measure add "Wombat ${SECRET} minutes" kind proportion better higher unit ${SECRET}-unit`,
    /Added the measure/,
  );
  // B's ideas and cycles are numbered on from numbers A does not have, so
  // that typing one of B's numbers in A names nothing.
  await must('Zoe', `/pdsa idea add Platypus ${SECRET} spelling`, /Added change idea 1/);
  await must(
    'Zoe',
    `/pdsa idea add Narwhal ${SECRET} reading driver "${SECRET} belonging"`,
    /Added change idea 2/,
  );
  await must('Zoe', `/pdsa site break Okapi 2026-12-21 to 2027-01-01 ${SECRET} holiday`, /on a break/);
  await must('Zoe', `/pdsa network conditions Wombat ${SECRET}: Narwhal ${SECRET}`, /Conditions of/);
  await must('Zoe', `/pdsa site Okapi set Wombat ${SECRET} Narwhal ${SECRET}`, /is Narwhal/);
  await must('Zoe', '/pdsa network channel here', /chose this conversation/, {
    platform: 'shell',
    channel: 'zebra',
    name: `#${SECRET}-channel`,
  });
  await must('Zeke', `/pdsa join Quokka ${SECRET} network / Okapi`, /asked the facilitators/);
  for (const n of [1, 2]) {
    await must('Zoe', `/pdsa start Okapi idea 1 owner @Zina question "${SECRET} warm-up"`, /started/);
    await must('Zoe', `/pdsa close ${n}`, /is closed/);
  }
  const bClosed = await cycleIdOf(
    await must(
      'Zoe',
      `/pdsa start Okapi idea 2 owner @Zina from 2026-11-16 to 2026-11-27 question "${SECRET} question"`,
      /started/,
    ),
    `Quokka ${SECRET} network`,
  );
  await runCycle(bClosed.id, 'Zina', null, SECRET);
  const bOpen = await cycleIdOf(
    await must('Zoe', '/pdsa start Okapi idea 2 owner @Zina with @Zack', /started/),
    `Quokka ${SECRET} network`,
  );
  // Zina starts her Plan by plain replies: a draft and the raw text of her replies.
  await must('Zina', `/pdsa answer ${bOpen.number}`, /Answer by replying/);
  await h.reply('Zina', `${SECRET} first answer`);
  await must('Zoe', '/pdsa digest post', /on its way/);
  await must('Zoe', '/pdsa pause @Zina until 2026-12-11', /No check-ins for Zina/);

  const ids = async () => {
    const one = async <T>(q: Promise<T | undefined>, what: string): Promise<T> => {
      const v = await q;
      if (v === undefined) throw new Error(`seeding: no ${what}`);
      return v;
    };
    const b = await one(
      db.selectFrom('networks').selectAll().where('name', 'like', `%${SECRET}%`).executeTakeFirst(),
      'network B',
    );
    const idea = (networkId: number, text: string) =>
      one(
        db
          .selectFrom('change_ideas')
          .select(['id', 'number'])
          .where('network_id', '=', networkId)
          .where('text', 'like', `${text}%`)
          .executeTakeFirst(),
        'idea',
      );
    const breakOf = (networkId: number) =>
      one(
        db
          .selectFrom('site_breaks')
          .innerJoin('sites', 'sites.id', 'site_breaks.site_id')
          .select('site_breaks.id')
          .where('sites.network_id', '=', networkId)
          .executeTakeFirst(),
        'break',
      );
    const memberOf = (name: string) =>
      one(
        db
          .selectFrom('members')
          .innerJoin('people', 'people.id', 'members.person_id')
          .select('members.id')
          .where('people.display_name', '=', name)
          .executeTakeFirst(),
        `member ${name}`,
      );
    const openCheckinOf = (cycleId: number) =>
      one(
        db
          .selectFrom('checkins')
          .select('id')
          .where('cycle_id', '=', cycleId)
          .where('status', '=', 'open')
          .executeTakeFirst(),
        'open check-in',
      );
    const siteOf = (networkId: number, name: string) =>
      one(
        db
          .selectFrom('sites')
          .select('id')
          .where('network_id', '=', networkId)
          .where('name', 'like', `${name}%`)
          .executeTakeFirst(),
        `site ${name}`,
      );
    const conditionOf = (networkId: number) =>
      one(
        db
          .selectFrom('conditions')
          .select('id')
          .where('network_id', '=', networkId)
          .orderBy('id')
          .executeTakeFirst(),
        'condition',
      );
    const firstValueOf = (conditionId: number) =>
      one(
        db
          .selectFrom('condition_values')
          .select('id')
          .where('condition_id', '=', conditionId)
          .orderBy('id')
          .executeTakeFirst(),
        'condition value',
      );
    const measureOf = (networkId: number) =>
      one(
        db.selectFrom('measures').select('id').where('network_id', '=', networkId).executeTakeFirst(),
        'measure',
      );
    const driverOf = (networkId: number) =>
      one(
        db
          .selectFrom('drivers')
          .select('id')
          .where('network_id', '=', networkId)
          .orderBy('id')
          .executeTakeFirst(),
        'driver',
      );
    const aCondition = (await conditionOf(a.network.id)).id;
    const bCondition = (await conditionOf(b.id)).id;
    return {
      aCondition,
      bCondition,
      aValue: (await firstValueOf(aCondition)).id,
      bValue: (await firstValueOf(bCondition)).id,
      aDriver: (await driverOf(a.network.id)).id,
      bDriver: (await driverOf(b.id)).id,
      aNetwork: a.network.id,
      bNetwork: b.id,
      /** Cycle and idea numbers, as people type them; B's are numbers A does not have. */
      aClosed: aClosed.number,
      aOpen: aOpen.number,
      bClosed: bClosed.number,
      bOpen: bOpen.number,
      aIdea: (await idea(a.network.id, 'Greet')).number,
      bIdea: (await idea(b.id, 'Narwhal')).number,
      /** Row ids, as buttons and forms carry them. */
      aIdeaId: (await idea(a.network.id, 'Greet')).id,
      bIdeaId: (await idea(b.id, 'Narwhal')).id,
      bClosedId: bClosed.id,
      aBreak: (await breakOf(a.network.id)).id,
      bBreak: (await breakOf(b.id)).id,
      aSite: (await siteOf(a.network.id, 'Lincoln')).id,
      bSite: (await siteOf(b.id, 'Okapi')).id,
      aMeasure: (await measureOf(a.network.id)).id,
      bMeasure: (await measureOf(b.id)).id,
      aOpenCheckin: (await openCheckinOf(aOpen.id)).id,
      bOpenCheckin: (await openCheckinOf(bOpen.id)).id,
      patMember: (await memberOf('Pat')).id,
      zekeMember: (await memberOf('Zeke')).id,
    };
  };
  return { harness: h, ids: await ids() };
}
