import type { Address } from '../../../../src/core/address.ts';
import { ANA, FRAN, personalInstall, TENANT, type TeamsUser } from './activities.ts';
import type { TeamsHarness } from './harness.ts';

// A network whose people came through Teams: each added the app in a 1:1
// chat (so the bot holds their conversation reference), then the network,
// its sites, a measure and a change idea were written directly.

export type TeamsNetwork = Awaited<ReturnType<typeof seedTeamsNetwork>>;

export async function seedTeamsNetwork(
  h: TeamsHarness,
  people: { admin: TeamsUser; educators: TeamsUser[] } = { admin: FRAN, educators: [ANA] },
) {
  const person = async (user: TeamsUser) => {
    h.standIn.roster.set(user.id, {
      id: user.id,
      name: user.name,
      aadObjectId: user.aadObjectId,
      tenantId: TENANT,
    });
    await h.post(personalInstall(h.env, user));
    return h.db
      .selectFrom('people')
      .selectAll()
      .where('platform', '=', 'teams')
      .where('platform_user_id', '=', user.aadObjectId)
      .executeTakeFirstOrThrow();
  };
  const network = await h.db
    .insertInto('networks')
    .values({
      name: 'Literacy NIC',
      aim: 'Every 3rd grader reads on grade level',
      time_zone: 'America/Chicago',
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  const lincoln = await h.db
    .insertInto('sites')
    .values({ network_id: network.id, name: 'Lincoln' })
    .returningAll()
    .executeTakeFirstOrThrow();
  const admin = await person(people.admin);
  await h.db
    .insertInto('members')
    .values({ network_id: network.id, person_id: admin.id, site_id: null, role: 'admin' })
    .execute();
  const educators: { user: TeamsUser; personId: number; memberId: number; address: Address }[] = [];
  for (const user of people.educators) {
    const p = await person(user);
    const m = await h.db
      .insertInto('members')
      .values({ network_id: network.id, person_id: p.id, site_id: lincoln.id, role: 'educator' })
      .returningAll()
      .executeTakeFirstOrThrow();
    educators.push({ user, personId: p.id, memberId: m.id, address: p.address! });
  }
  const measure = await h.db
    .insertInto('measures')
    .values({
      network_id: network.id,
      name: 'On-time arrival',
      kind: 'proportion',
      better: 'higher',
      unit: 'students',
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  const idea = await h.db
    .insertInto('change_ideas')
    .values({ network_id: network.id, text: 'Greet every student at the door' })
    .returningAll()
    .executeTakeFirstOrThrow();
  h.standIn.calls.length = 0;
  return { network, lincoln, admin, educators, measure, idea };
}

/** Answers to every plan question, as a submitted check-in form carries them. */
export const PLAN_ANSWERS = {
  question: 'Does greeting students raise on-time arrival?',
  change: 'Greet each student by name at the door',
  prediction: '18/24',
  predictionReason: '',
  logistics: 'Ana at the door, 7:50-8:05 each morning',
  dataCollection: 'Tally of students in the room at the bell',
};
