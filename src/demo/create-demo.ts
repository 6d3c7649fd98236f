import type { Insertable, Transaction } from 'kysely';
import type { Platform } from '../core/domain.ts';
import { terminalUserId } from '../core/terminal-user-id.ts';
import type { CheckinsTable, Database } from '../db/schema.ts';
import type { Trx } from '../db/trx.ts';
import { reportWeekAt, weeksEndingWith } from '../digest/report-week.ts';
import { insertIdea } from '../store/change-ideas.ts';
import { insertRecordedCheckins } from '../store/checkins.ts';
import { insertValues } from '../store/condition-values.ts';
import { insertCondition } from '../store/conditions.ts';
import { insertCycle } from '../store/cycles.ts';
import { insertDriver } from '../store/drivers.ts';
import { placeIdea } from '../store/idea-drivers.ts';
import { insertMeasure } from '../store/measures.ts';
import { insertMember } from '../store/members.ts';
import { insertNetwork, networkNames } from '../store/networks.ts';
import { anyPersonWithUserId, markUnreachable, upsertPerson } from '../store/people.ts';
import { applyHistoryEdit } from '../store/site-conditions.ts';
import { insertSites } from '../store/sites.ts';
import {
  DEMO_CONDITIONS,
  DEMO_DRIVERS,
  DEMO_EDUCATORS,
  DEMO_FACILITATORS,
  DEMO_IDEAS,
  DEMO_SITES,
} from './demo-content.ts';
import { planDemo } from './demo-plan.ts';

// A sample network to try the bot and its digest on: twelve schools of
// clearly different sizes, levels and locales, a proportion measure
// ("Students on time"), a driver diagram with three change ideas, two
// educators per school and two facilitators, and twelve
// weeks of cycles and check-ins with real variation in them: Aspen Middle far
// above the rest in the last week, Lincoln Middle's lasting shift after it
// adopted greeting at the door, Maple Elementary too new to judge, one
// overdue check-in and one person the bot cannot reach.

export const DEMO_ZONE = 'America/Chicago';
export const DEMO_NAME = 'Demo NIC';

export type DemoOptions = {
  now: Date;
  /** Default "Demo NIC", or "Demo NIC 2" and so on when taken. */
  name?: string;
  /** Made the network's admin (the person who asked for the demo). */
  adminPersonId?: number;
  /**
   * The platform the demo's people are recorded on, given by the caller
   * (start-up and the CLI name the terminal's): they have no address, so
   * no platform ever writes to them.
   */
  platform: Platform;
  /**
   * A workspace whose speakers may speak as the demo's people (`as Nate
   * Olsen` in the terminal), on a platform whose people are their names:
   * they are created there, under the names that platform gives, unless
   * someone there already has one of those names (a second demo), in which
   * case they get a workspace of their own on `platform`.
   */
  speakableIn?: { platform: Platform; workspace: string };
};

export type DemoNetwork = {
  networkId: number;
  name: string;
  /** The twelve ISO weeks with figures, oldest first; the last is the week this week's digest reports on. */
  weeks: string[];
  /** Whether its people can be spoken as in the terminal (see DemoOptions.speakableIn). */
  speakable: boolean;
  /** An educator of the demo with an unanswered check-in, and a facilitator, to speak as. */
  educator: string;
  facilitator: string;
};

/** The name asked for is taken. */
export class DemoNameTaken extends Error {
  override name = 'DemoNameTaken';
}

async function freeName(trx: Trx, wanted: string | undefined): Promise<string> {
  const taken = new Set((await networkNames(trx)).map((n) => n.toLowerCase()));
  if (wanted !== undefined) {
    if (taken.has(wanted.trim().toLowerCase()))
      throw new DemoNameTaken(`there is already a network called "${wanted}"`);
    return wanted.trim();
  }
  for (let i = 1; ; i++) {
    const name = i === 1 ? DEMO_NAME : `${DEMO_NAME} ${i}`;
    if (!taken.has(name.toLowerCase())) return name;
  }
}

export async function createDemoNetwork(db: Trx, options: DemoOptions): Promise<DemoNetwork> {
  const run = (trx: Transaction<Database> | Trx) => insertDemo(trx, options);
  return db.isTransaction ? run(db) : db.transaction().execute(run);
}

async function insertDemo(trx: Trx, options: DemoOptions): Promise<DemoNetwork> {
  const { now } = options;
  const name = await freeName(trx, options.name);
  const weeks = weeksEndingWith(reportWeekAt(now, DEMO_ZONE), 12);
  const plan = planDemo(weeks, DEMO_ZONE);

  const network = await insertNetwork(trx, {
    name,
    aim: '90% of students in class when the bell rings, at every site, by June',
    time_zone: DEMO_ZONE,
    digest_weekday: 1,
    digest_hour: 8,
    created_at: now,
  });
  const networkId = network.id;
  const speakableIn = options.speakableIn;
  const speakable = speakableIn !== undefined && (await namesAreFree(trx, speakableIn, DEMO_PEOPLE));
  const platform = speakable ? speakableIn!.platform : options.platform;
  const workspace = speakable ? speakableIn!.workspace : `demo-${networkId}`;
  const userIdOf = (display: string) =>
    speakable ? terminalUserId(display) : display.toLowerCase().replace(/[^a-z]+/g, '.');

  const sites = await insertSites(
    trx,
    DEMO_SITES.map((s) => ({ network_id: networkId, name: s.name, created_at: now })),
  );
  const siteId = (i: number) => sites.find((s) => s.name === DEMO_SITES[i]!.name)!.id;

  // The demo's people are fictional identities with no address,
  // so the scheduler never prompts or reminds them (it writes only to people
  // it has an address for) until someone speaks as them in the terminal.
  const person = async (display: string, site: number | null, role: 'educator' | 'facilitator') => {
    const p = await upsertPerson(
      trx,
      {
        platform,
        workspaceId: workspace,
        userId: userIdOf(display),
        displayName: display,
        timeZone: DEMO_ZONE,
      },
      'named',
    );
    return insertMember(trx, {
      network_id: networkId,
      person_id: p.id,
      site_id: site === null ? null : siteId(site),
      role,
      created_at: now,
    });
  };
  const educators: { id: number; person_id: number }[][] = [];
  for (const [i] of DEMO_SITES.entries()) {
    educators.push([
      await person(DEMO_EDUCATORS[2 * i]!, i, 'educator'),
      await person(DEMO_EDUCATORS[2 * i + 1]!, i, 'educator'),
    ]);
  }
  const facilitator = await person(DEMO_FACILITATORS[0]!, null, 'facilitator');
  await person(DEMO_FACILITATORS[1]!, null, 'facilitator');
  if (options.adminPersonId !== undefined) {
    await insertMember(trx, {
      network_id: networkId,
      person_id: options.adminPersonId,
      site_id: null,
      role: 'admin',
      created_at: now,
    });
  }
  const gone = educators[plan.unreachable.site]![plan.unreachable.member]!;
  await markUnreachable(trx, { personId: gone.person_id }, 'removed the app', plan.unreachable.since);

  const measure = await insertMeasure(trx, {
    network_id: networkId,
    name: 'Students on time',
    kind: 'proportion',
    unit: 'students',
    better: 'higher',
    description: 'Students in the room when the first bell rings, out of students at school that day.',
    created_at: now,
  });
  const ideas = [];
  for (const idea of DEMO_IDEAS) {
    ideas.push(
      await insertIdea(trx, {
        network_id: networkId,
        text: idea.text,
        created_by: facilitator.id,
        created_at: now,
      }),
    );
  }

  await describeSites(trx, networkId, siteId, facilitator.id, now);
  const drivers = new Map<string, number>();
  for (const { primary, secondaries } of DEMO_DRIVERS) {
    const top = await insertDriver(trx, networkId, primary, null, now);
    for (const name of secondaries)
      drivers.set(name, (await insertDriver(trx, networkId, name, top.id, now)).id);
  }
  for (const [i, idea] of DEMO_IDEAS.entries())
    await placeIdea(trx, ideas[i]!.id, drivers.get(idea.driver)!, now);

  const checkins: Insertable<CheckinsTable>[] = [];
  for (const c of plan.cycles) {
    const [owner, partner] = educators[c.site]!;
    const cycle = await insertCycle(
      trx,
      {
        network_id: networkId,
        site_id: siteId(c.site),
        owner_member_id: owner!.id,
        change_idea_id: ideas[c.idea]!.id,
        measure_id: measure.id,
        question: c.question,
        starts_on: c.startsOn,
        ends_on: c.endsOn,
        phase: c.phase,
        decision: c.decision,
        decided_at: c.decision ? c.closedAt : null,
        closed_at: c.closedAt,
        created_by: facilitator.id,
        created_at: c.createdAt,
      },
      [owner!.id, partner!.id],
    );
    for (const k of c.checkins) {
      const answered = k.answeredAt !== null;
      // The Study of a running cycle is due this Friday; made later in the
      // week, the demo would show it overdue beside the one overdue Do it means to show.
      const dueAt = !answered && k.phase === 'study' && k.dueAt < now ? now : k.dueAt;
      checkins.push({
        cycle_id: cycle.id,
        member_id: (k.member === 0 ? owner : partner)!.id,
        phase: k.phase,
        status: answered ? 'answered' : 'open',
        due_at: dueAt,
        prompted_at: dueAt.getTime() <= now.getTime() ? dueAt : null,
        answered_at: k.answeredAt,
        answer: k.answer,
        value: k.figure ? k.figure.numerator / k.figure.denominator : null,
        numerator: k.figure?.numerator ?? null,
        denominator: k.figure?.denominator ?? null,
        version: answered ? 1 : 0,
        created_at: dueAt,
        updated_at: k.answeredAt ?? dueAt,
      });
    }
  }
  await insertRecordedCheckins(trx, checkins);
  const overdue = DEMO_EDUCATORS[2 * plan.overdue.site + plan.overdue.member]!;
  return { networkId, name, weeks, speakable, educator: overdue, facilitator: DEMO_FACILITATORS[0]! };
}

const DEMO_PEOPLE = [...DEMO_EDUCATORS, ...DEMO_FACILITATORS];

/** True when nobody in the workspace has any of these names yet. */
async function namesAreFree(
  trx: Trx,
  where: { platform: Platform; workspace: string },
  names: readonly string[],
): Promise<boolean> {
  return !(await anyPersonWithUserId(trx, where.platform, where.workspace, names.map(terminalUserId)));
}

/** The sites' level and locale, in force since each site began. */
async function describeSites(
  trx: Trx,
  networkId: number,
  siteId: (i: number) => number,
  setBy: number,
  now: Date,
): Promise<void> {
  for (const c of DEMO_CONDITIONS) {
    const condition = await insertCondition(trx, networkId, c.name, now);
    const values = await insertValues(trx, condition.id, c.values, now);
    for (const [i, site] of DEMO_SITES.entries()) {
      const value = values.find((v) => v.value === (c.name === 'level' ? site.level : site.locale))!;
      await applyHistoryEdit(
        trx,
        { remove: [], setEnd: [], insert: { valueId: value.id, validFrom: null } },
        { siteId: siteId(i), conditionId: condition.id, setBy, at: now },
      );
    }
  }
}
