import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allCommands } from '../../src/bot/commands/index.ts';
import type { InboundEvent } from '../../src/bot/inbound.ts';
import { interactionRoutes } from '../../src/bot/routes.ts';
import { textOf } from '../bot/support/bot-harness.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-db.ts';
import { type DbState, diffStates, readState, restoreState, rowsOfNetwork } from './support/db-state.ts';
import { B_PEOPLE, buildTwoNetworks, SECRET, type TwoNetworks } from './support/two-networks.ts';

// Who may do what, and to whose data. Every command of the registry (and
// every usage line of its help page), every button and every form, is tried
// by six people of network A: someone in no network, someone whose request
// to join is pending, an educator, an educator who owns the cycles, a
// facilitator and an admin. Each is tried on A's own objects and, where the
// command names an object, on network B's.
//
// What must hold:
// - a person without the role is refused, the refusal says who can (or
//   how to get in), and the database is exactly as it was;
// - a person with the role gets the thing done;
// - nothing of network B ever appears in a reply to anyone of A (B's texts
//   all carry ZEBRA-SECRET, and B's people's names are looked for too,
//   unless the caller typed that name), and no row of B ever changes.

type Caller = 'outsider' | 'pending' | 'educator' | 'owner' | 'facilitator' | 'admin';
const NAME: Record<Caller, string> = {
  outsider: 'Nel',
  pending: 'Pat',
  educator: 'Ana',
  owner: 'Ben',
  facilitator: 'Fay',
  admin: 'Fran',
};
const CALLERS = Object.keys(NAME) as Caller[];

/** Who may run a line: the roles, and what each refusal must say. */
type Level =
  | 'anyone'
  /** only someone in no network (join, create, demo) */
  | 'newcomer'
  /** any active member */
  | 'member'
  /** any member, and someone whose request is pending (to withdraw it) */
  | 'member or pending'
  /** the cycle's owner, facilitators and admins */
  | 'owner'
  | 'facilitator'
  | 'admin'
  /** only the member the check-in is for (Ben, owner of cycle aOpen) */
  | 'respondent';

const ALLOWED: Record<Level, Caller[]> = {
  anyone: CALLERS,
  newcomer: ['outsider'],
  member: ['educator', 'owner', 'facilitator', 'admin'],
  'member or pending': ['pending', 'educator', 'owner', 'facilitator', 'admin'],
  owner: ['owner', 'facilitator', 'admin'],
  facilitator: ['facilitator', 'admin'],
  admin: ['admin'],
  respondent: ['owner'],
};

// The refusals, each naming who can or what to do instead.
const NOT_IN_A_NETWORK =
  /^You're not in an improvement network yet\. Ask a facilitator to add you, or type \/pdsa join <site>/;
const PENDING = /^Your request to join Literacy NIC is waiting for a facilitator's approval\./;
const FACILITATORS_ONLY = /^Only facilitators and admins of Literacy NIC can [^.]+\. Ask Fay or Fran\.$/;
const ADMINS_ONLY = /^Only admins of Literacy NIC can [^.]+\. Ask Fran\.$/;
const OWNER_ONLY = /^Only the cycle's owner or a facilitator can [^.]+\.$/;
const ALREADY_IN = /already (belong to|in) Literacy NIC|asked to join Literacy NIC/;
const EDUCATORS_START_OWN =
  /^Educators can start cycles at their own site with themselves as owner\. To start one for someone else or another site, ask a facilitator\.$/;
const NOT_YOURS = /^You have no (plan |do |study |act )?check-in in cycle #\d+/;

function refusalFor(level: Level, caller: Caller, override?: RegExp): RegExp {
  if (level === 'newcomer') return ALREADY_IN;
  if (caller === 'outsider') return NOT_IN_A_NETWORK;
  if (caller === 'pending') return PENDING;
  if (override) return override;
  switch (level) {
    case 'facilitator':
      return FACILITATORS_ONLY;
    case 'admin':
      // An educator is stopped at the first door (facilitators), a facilitator at the second.
      return caller === 'facilitator'
        ? ADMINS_ONLY
        : new RegExp(`${FACILITATORS_ONLY.source}|${ADMINS_ONLY.source}`);
    case 'owner':
      return OWNER_ONLY;
    case 'respondent':
      return NOT_YOURS;
    default:
      throw new Error(`${caller} cannot be refused at level ${level}`);
  }
}

// Any refusal at all, to check that an allowed person was not refused.
const ANY_REFUSAL = new RegExp(
  [NOT_IN_A_NETWORK, PENDING, FACILITATORS_ONLY, ADMINS_ONLY, OWNER_ONLY, EDUCATORS_START_OWN]
    .map((r) => r.source.replace(/^\^|\$$/g, ''))
    .join('|'),
);

type Ids = TwoNetworks['ids'];
type Row = {
  /** The usage line of the command's help page this row tries. */
  usage: string;
  /** The line typed after /pdsa, on network A's objects. */
  line: (ids: Ids) => string;
  level: Level;
  /** What the person who may do it is told. */
  done: RegExp;
  /** A refusal more precise than the level's, for roles that are not stopped by a role check. */
  refusal?: RegExp;
  /** The same command on network B's objects: nobody of A gets anything of B from it. */
  other?: ((ids: Ids) => string)[];
};

const MATRIX: Record<string, Row[]> = {
  help: [
    { usage: 'help', line: () => 'help', level: 'anyone', done: /Start here/ },
    { usage: 'help <command>', line: () => 'help start', level: 'anyone', done: /start <site>/ },
  ],
  network: [
    {
      usage: 'network create <name> [aim <aim statement>] [tz <time zone>]',
      line: () => 'network create "Otter NIC" aim Every child reads tz Europe/London',
      level: 'newcomer',
      done: /Otter NIC is set up/,
    },
    { usage: 'network', line: () => 'network', level: 'member', done: /Weekly digest: .*#literacy/ },
    {
      usage: 'network aim <aim statement>',
      line: () => 'network aim Every child reads by June',
      level: 'facilitator',
      done: /The aim of Literacy NIC is now: Every child reads by June/,
    },
    {
      usage: 'network tz <time zone>',
      line: () => 'network tz America/Denver',
      level: 'facilitator',
      done: /now keeps time in America\/Denver/,
    },
    {
      usage: 'network digest <weekday> <hour>',
      line: () => 'network digest friday 3pm',
      level: 'facilitator',
      done: /goes out on Fridays at 15:00/,
    },
    {
      usage: 'network channel here',
      line: () => 'network channel here',
      level: 'facilitator',
      done: /chose this conversation for the weekly digest of Literacy NIC/,
    },
    {
      usage: 'network conditions <condition>: <value>, …; <condition>: <value>, …',
      line: () => 'network conditions size: small, large; level: high',
      level: 'facilitator',
      done: /size: small, large[\s\S]*level: added high/,
    },
  ],
  site: [
    {
      usage: 'sites',
      line: () => 'sites',
      level: 'member',
      done: /Sites of Literacy NIC[\s\S]*Lincoln: .* level middle/,
    },
    {
      usage: 'site <site>',
      line: () => 'site Lincoln',
      level: 'member',
      done: /Conditions\n• level: middle \(from the start\)/,
      other: [() => 'site Okapi'],
    },
    {
      usage: 'site <site> set <condition> <value> [<condition> <value> …] [from <date>]',
      line: () => 'site Washington set level elementary locale rural',
      level: 'facilitator',
      done: /level is elementary, for all its cycles so far/,
      other: [() => 'site Okapi set level middle', () => 'site Lincoln set Wombat Narwhal'],
    },
    {
      usage: 'site add <name> [tz <time zone>]',
      line: () => 'site add Jefferson tz America/Denver',
      level: 'facilitator',
      done: /Added the site Jefferson/,
    },
    {
      usage: 'site rename <old name> to <new name>',
      line: () => 'site rename Washington to Adams',
      level: 'facilitator',
      done: /now called Adams/,
      other: [() => 'site rename Okapi to Adams'],
    },
    {
      usage: 'site tz <site> <time zone>',
      line: () => 'site tz Lincoln America/Denver',
      level: 'facilitator',
      done: /Lincoln now keeps time in America\/Denver/,
      other: [() => 'site tz Okapi America/Denver'],
    },
    {
      usage: 'site break <site> <first day> to <last day> [label]',
      line: () => 'site break Washington 2026-12-21 to 2027-01-01 Winter',
      level: 'facilitator',
      done: /Washington is on a break/,
      other: [() => 'site break Okapi 2026-12-21 to 2027-01-01 Winter'],
    },
    {
      usage: 'site breaks [site]',
      line: () => 'site breaks Lincoln',
      level: 'member',
      done: /Breaks at Lincoln/,
      other: [() => 'site breaks Okapi'],
    },
    {
      usage: 'site unbreak <site> <break number>',
      line: (ids) => `site unbreak Lincoln ${ids.aBreak}`,
      level: 'facilitator',
      done: /Removed the break at Lincoln/,
      other: [(ids) => `site unbreak ${ids.bBreak}`, (ids) => `site unbreak Okapi ${ids.bBreak}`],
    },
  ],
  condition: [
    {
      usage: 'conditions',
      line: () => 'conditions',
      level: 'member',
      done: /Site conditions of Literacy NIC[\s\S]*• middle: Lincoln/,
    },
    {
      usage: 'condition add <name> [values <value>, <value>, …]',
      line: () => 'condition add size values small, large',
      level: 'facilitator',
      done: /size: small, large/,
    },
    {
      usage: 'condition add <name>: <value>, …; <name>: <value>, …',
      line: () => 'condition add locale: island; size: small',
      level: 'facilitator',
      done: /locale: added island[\s\S]*size: small/,
    },
    {
      usage: 'condition rename <condition> [<value>] to <new name>',
      line: () => 'condition rename level middle to middle school',
      level: 'facilitator',
      done: /The value middle of level is now called middle school/,
      other: [() => 'condition rename Wombat to Otter', () => 'condition rename level Narwhal to Otter'],
    },
    {
      usage: 'condition remove <condition> [<value>]',
      line: () => 'condition remove level elementary',
      level: 'facilitator',
      done: /Removed the value elementary from level/,
      other: [() => 'condition remove Wombat', () => 'condition remove level Narwhal'],
    },
  ],
  member: [
    {
      usage: 'members [site]',
      line: () => 'members Lincoln',
      level: 'member',
      done: /Members of Lincoln/,
      other: [() => 'members Okapi'],
    },
    {
      usage: 'member add <@person> to <site> [as educator|facilitator|admin]',
      line: () => 'member add @Cleo to Lincoln',
      level: 'facilitator',
      done: /Added Cleo to Literacy NIC as an educator at Lincoln/,
      other: [() => 'member add @Zina to Lincoln', () => 'member add @Cleo to Okapi'],
    },
    {
      usage: 'member add <@person> to <site> [as educator|facilitator|admin]',
      line: () => 'member add @Cleo as admin',
      level: 'admin',
      done: /Added Cleo to Literacy NIC as an admin/,
    },
    {
      usage: 'member role <@person> <educator|facilitator|admin>',
      line: () => 'member role @Wes facilitator',
      level: 'facilitator',
      done: /Wes is now a facilitator of Literacy NIC/,
      other: [() => 'member role @Zina facilitator'],
    },
    {
      usage: 'member role <@person> <educator|facilitator|admin>',
      line: () => 'member role @Wes admin',
      level: 'admin',
      done: /Wes is now an admin of Literacy NIC/,
    },
    {
      usage: 'member move <@person> to <site>',
      line: () => 'member move @Wes to Lincoln',
      level: 'facilitator',
      done: /Wes is now at Lincoln/,
      other: [() => 'member move @Zina to Lincoln', () => 'member move @Wes to Okapi'],
    },
    {
      usage: 'member remove <@person>',
      line: () => 'member remove @Dee',
      level: 'facilitator',
      done: /Removed Dee from Literacy NIC/,
      other: [() => 'member remove @Zack'],
    },
    {
      usage: 'member remove me',
      line: () => 'member remove me',
      level: 'member or pending',
      // Leaving is allowed to everyone in; the network still keeps members with answers, and its last admin.
      done: /You have left Literacy NIC|Your request to join Literacy NIC is withdrawn|You have check-ins in Literacy NIC's cycles|You are the only admin of Literacy NIC/,
    },
  ],
  join: [
    {
      usage: 'join <site>',
      line: () => 'join Washington',
      level: 'newcomer',
      done: /asked the facilitators of Literacy NIC \(Fay or Fran\) to approve you joining Washington/,
    },
    {
      usage: 'join <network> / <site>',
      line: () => 'join Literacy NIC / Lincoln',
      level: 'newcomer',
      done: /asked the facilitators of Literacy NIC \(Fay or Fran\) to approve you joining Lincoln/,
    },
  ],
  approve: [
    {
      usage: 'approve <@person>',
      line: () => 'approve @Pat',
      level: 'facilitator',
      done: /Pat is now an educator at Lincoln in Literacy NIC/,
      other: [() => 'approve @Zeke'],
    },
    {
      usage: 'approve <@person> to <site>',
      line: () => 'approve @Pat to Washington',
      level: 'facilitator',
      done: /Pat is now an educator at Washington in Literacy NIC/,
      other: [() => 'approve @Pat to Okapi'],
    },
  ],
  pause: [
    {
      usage: 'pause until <date>',
      line: () => 'pause until 2026-12-18',
      level: 'member',
      done: /No check-ins for you up to and including/,
    },
    {
      usage: 'pause for <length>',
      line: () => 'pause for 2 weeks',
      level: 'member',
      done: /No check-ins for you up to and including/,
    },
    {
      usage: 'pause <@person> until <date>',
      line: () => 'pause @Wes until 2026-12-18',
      level: 'facilitator',
      done: /No check-ins for Wes up to and including/,
      other: [() => 'pause @Zina until 2026-12-18'],
    },
  ],
  resume: [
    {
      usage: 'resume',
      line: () => 'resume',
      level: 'member',
      done: /Welcome back: your check-ins go out again/,
    },
    {
      usage: 'resume <@person>',
      line: () => 'resume @Wes',
      level: 'facilitator',
      done: /Wes's check-ins go out again/,
      other: [() => 'resume @Zina'],
    },
  ],
  measure: [
    { usage: 'measures', line: () => 'measures', level: 'member', done: /Measures of Literacy NIC/ },
    {
      usage: 'measure show <name>',
      line: () => 'measure show On-time arrival',
      level: 'member',
      done: /Predictions and results: typed like/,
      other: [() => 'measure show Wombat'],
    },
    {
      usage: 'measure add <name> kind <proportion|count|value> better <higher|lower> [unit <unit>]',
      line: () => 'measure add Reading time kind value better higher unit minutes',
      level: 'facilitator',
      done: /Added the measure Reading time/,
    },
  ],
  idea: [
    { usage: 'ideas', line: () => 'ideas', level: 'member', done: /Change ideas of Literacy NIC/ },
    {
      usage: 'idea add <what to try> [driver <driver>]',
      line: () => 'idea add Read aloud daily driver Engagement',
      level: 'facilitator',
      done: /Added change idea \d+: Read aloud daily \(driver: Engagement\)/,
    },
    {
      usage: 'idea <number> driver <driver>',
      line: (ids) => `idea ${ids.aIdea} driver Families can help`,
      level: 'facilitator',
      done: /now acts on the driver Families can help/,
      other: [(ids) => `idea ${ids.bIdea} driver Families`, (ids) => `idea ${ids.aIdea} driver ZEBRA`],
    },
  ],
  drivers: [
    {
      usage: 'drivers',
      line: () => 'drivers',
      level: 'member',
      done: /Literacy NIC: driver diagram[\s\S]*Students feel expected › Adults greet each student[\s\S]*Idea \d+: Greet/,
    },
    {
      usage: 'driver add <name> [under <primary driver>]',
      line: () => 'driver add Morning calm under Students feel expected',
      level: 'facilitator',
      done: /Added the secondary driver Morning calm under Students feel expected/,
      other: [() => 'driver add Otters under ZEBRA'],
    },
    {
      usage: 'driver rename <driver> to <new name>',
      line: () => 'driver rename Adults greet each student to Adults greet everyone',
      level: 'facilitator',
      done: /now called Adults greet everyone/,
      other: [() => 'driver rename ZEBRA to Otters'],
    },
    {
      usage: 'driver move <driver> under <primary driver>',
      line: () => 'driver move Adults greet each student under Families can help',
      level: 'facilitator',
      done: /Adults greet each student is now a secondary driver under Families can help/,
      other: [() => 'driver move Adults under ZEBRA', () => 'driver move ZEBRA under Families'],
    },
    {
      usage: 'driver move <driver> to top',
      line: () => 'driver move Adults greet each student to top',
      level: 'facilitator',
      done: /Adults greet each student is now a primary driver/,
      other: [() => 'driver move ZEBRA to top'],
    },
    {
      usage: 'driver remove <driver>',
      line: () => 'driver remove Families can help',
      level: 'facilitator',
      done: /Removed the driver Families can help/,
      other: [() => 'driver remove ZEBRA'],
    },
  ],
  start: [
    {
      usage:
        'start <site> idea <number or text> measure <name> owner <@person> [with <@person> …] [from <date>] [to <date> | for <length>] [question <text>]',
      line: (ids) => `start Washington idea ${ids.aIdea} measure On-time arrival owner @Wes for 2 weeks`,
      level: 'facilitator',
      refusal: EDUCATORS_START_OWN,
      done: /Cycle #\d+ started/,
      other: [
        (ids) => `start Okapi idea ${ids.aIdea} owner @Wes`,
        (ids) => `start Washington idea ${ids.bIdea} owner @Wes`,
        () => 'start Washington measure Wombat owner @Wes',
        () => 'start Washington owner @Zina',
        () => 'start Washington owner @Wes with @Zina',
      ],
    },
    {
      // An educator may start a cycle at their own site with themselves as
      // its owner; anyone else is asked who owns it.
      usage:
        'start <site> idea <number or text> measure <name> owner <@person> [with <@person> …] [from <date>] [to <date> | for <length>] [question <text>]',
      line: (ids) => `start Lincoln idea ${ids.aIdea}`,
      level: 'member',
      done: /Cycle #\d+ started|Who will own this cycle at Lincoln\?/,
    },
    {
      usage: 'start next <cycle number> [from <date>] [for <length>]',
      line: (ids) => `start next ${ids.aClosed}`,
      level: 'owner',
      refusal: EDUCATORS_START_OWN,
      done: /Cycle #\d+ started \(next in the ramp after #\d+\)/,
      other: [(ids) => `start next ${ids.bClosed}`],
    },
    {
      usage: 'start   (opens a form where the platform has forms; in the terminal, shows what to type)',
      line: () => 'start',
      level: 'member',
      done: /Fill in the form|To start a cycle, type the whole command/,
    },
  ],
  status: [{ usage: 'status', line: () => 'status', level: 'member', done: /Literacy NIC: status/ }],
  cycles: [
    {
      usage: 'cycles [mine | <site> | all] [open]',
      line: () => 'cycles all',
      level: 'member',
      done: /Cycles in Literacy NIC/,
      other: [() => 'cycles Okapi'],
    },
  ],
  cycle: [
    {
      usage: 'cycle <number>',
      line: (ids) => `cycle ${ids.aClosed}`,
      level: 'member',
      done: /Cycle #\d+ · Lincoln/,
      other: [(ids) => `cycle ${ids.bClosed}`, (ids) => `cycle ${ids.bOpen}`],
    },
  ],
  remind: [
    {
      usage: 'remind <cycle number>',
      line: (ids) => `remind ${ids.aOpen}`,
      level: 'owner',
      done: /Reminded Ben about cycle #\d+/,
      other: [(ids) => `remind ${ids.bOpen}`],
    },
  ],
  close: [
    {
      usage: 'close <cycle number>',
      line: (ids) => `close ${ids.aOpen}`,
      level: 'owner',
      done: /Cycle #\d+ is closed \(it was in plan\)/,
      other: [(ids) => `close ${ids.bOpen}`],
    },
  ],
  answer: [
    {
      usage: 'answer <cycle number> [plan|do|study|act]',
      line: (ids) => `answer ${ids.aOpen} plan`,
      level: 'respondent',
      done: /Answer by replying here/,
      other: [(ids) => `answer ${ids.bOpen}`, (ids) => `answer ${ids.bClosed} study`],
    },
  ],
  learnings: [
    {
      usage: 'learnings',
      line: () => 'learnings',
      level: 'member',
      done: /What Literacy NIC has learned[\s\S]*Names matter at Lincoln/,
    },
    {
      usage: 'learnings idea <number>',
      line: (ids) => `learnings idea ${ids.aIdea}`,
      level: 'member',
      done: /What Literacy NIC has learned about idea \d+[\s\S]*By level\n• middle \(1 site: Lincoln\): adopted\. Too few sites[\s\S]*Names matter at Lincoln/,
      other: [(ids) => `learnings idea ${ids.bIdea}`, (ids) => `learnings ${ids.bIdea}`],
    },
  ],
  digest: [
    {
      usage: 'digest',
      line: () => 'digest',
      level: 'member',
      done: /The weekly digest of Literacy NIC goes to/,
    },
    {
      usage: 'digest preview [week]',
      line: () => 'digest preview 2026-W48',
      level: 'facilitator',
      done: /A preview, only for you/,
    },
    {
      usage: 'digest post',
      line: () => 'digest post',
      level: 'facilitator',
      done: /is on its way to #literacy/,
    },
    {
      usage: 'digest channel here',
      line: () => 'digest channel here',
      level: 'facilitator',
      done: /chose this conversation for the weekly digest/,
    },
    {
      usage: 'digest learning',
      line: () => 'digest learning',
      level: 'member',
      done: /Literacy NIC: what we're learning[\s\S]*Idea \d+: Greet/,
    },
    {
      usage: 'digest channel off',
      line: () => 'digest channel off',
      level: 'facilitator',
      done: /has no digest channel now/,
    },
  ],
  export: [
    {
      usage: 'export',
      line: () => 'export',
      level: 'facilitator',
      done: /Literacy NIC: 2 cycles and \d+ check-ins/,
    },
    {
      usage: 'export me',
      line: () => 'export me',
      level: 'member',
      done: /Everything pdsa-bot keeps about you/,
    },
  ],
  forget: [
    {
      usage: 'forget <@person>',
      line: () => 'forget @Dee',
      level: 'admin',
      done: /Dee's personal data is deleted/,
      other: [() => 'forget @Zina'],
    },
  ],
  demo: [{ usage: 'demo', line: () => 'demo', level: 'newcomer', done: /I created the sample network/ }],
};

// Buttons and forms carry ids: each must stay inside the caller's network.
type Interaction = {
  prefix: string;
  kind: 'action' | 'form';
  /** Events that name network B's objects; all must fail for everyone of A. */
  other: ((ids: Ids) => { id: string; value?: string; values?: Record<string, string> })[];
};
const INTERACTIONS: Interaction[] = [
  {
    prefix: 'checkin.answer',
    kind: 'action',
    other: [(ids) => ({ id: `checkin.answer:${ids.bOpenCheckin}`, value: String(ids.bOpenCheckin) })],
  },
  {
    prefix: 'form.open:checkin',
    kind: 'action',
    other: [(ids) => ({ id: `form.open:checkin:${ids.bOpenCheckin}`, value: `checkin:${ids.bOpenCheckin}` })],
  },
  // The start form lists the caller's own network's sites, ideas and measures only.
  {
    prefix: 'form.open:cycle.start',
    kind: 'action',
    other: [() => ({ id: 'form.open:cycle.start', value: '' })],
  },
  {
    prefix: 'cycle.ramp',
    kind: 'action',
    other: [(ids) => ({ id: 'cycle.ramp', value: String(ids.bClosedId) })],
  },
  {
    prefix: 'member.approve',
    kind: 'action',
    other: [(ids) => ({ id: 'member.approve', value: String(ids.zekeMember) })],
  },
  {
    prefix: 'form.open:site.conditions',
    kind: 'action',
    other: [
      (ids) => ({ id: `form.open:site.conditions:${ids.bSite}`, value: `site.conditions:${ids.bSite}` }),
    ],
  },
  {
    prefix: 'form.open:driver.add',
    kind: 'action',
    other: [() => ({ id: 'form.open:driver.add', value: 'driver.add' })],
  },
  {
    prefix: 'driver.add',
    kind: 'form',
    other: [(ids) => ({ id: 'driver.add', values: { name: 'Otters', under: String(ids.bDriver) } })],
  },
  {
    prefix: 'form.open:idea.driver',
    kind: 'action',
    other: [(ids) => ({ id: `form.open:idea.driver:${ids.bIdeaId}`, value: `idea.driver:${ids.bIdeaId}` })],
  },
  {
    prefix: 'idea.driver',
    kind: 'form',
    other: [
      (ids) => ({ id: `idea.driver:${ids.bIdeaId}`, values: { driver: String(ids.aDriver) } }),
      (ids) => ({ id: `idea.driver:${ids.aIdeaId}`, values: { driver: String(ids.bDriver) } }),
    ],
  },
  {
    prefix: 'site.conditions',
    kind: 'form',
    other: [
      (ids) => ({
        id: `site.conditions:${ids.bSite}`,
        values: { [`condition-${ids.aCondition}`]: String(ids.aValue) },
      }),
      (ids) => ({
        id: `site.conditions:${ids.aSite}`,
        values: { [`condition-${ids.bCondition}`]: String(ids.bValue) },
      }),
      (ids) => ({
        id: `site.conditions:${ids.aSite}`,
        values: { [`condition-${ids.aCondition}`]: String(ids.bValue) },
      }),
    ],
  },
  {
    prefix: 'checkin',
    kind: 'form',
    other: [
      (ids) => ({
        id: `checkin:${ids.bOpenCheckin}`,
        values: {
          question: 'Q',
          change: 'C',
          prediction: '1/2',
          logistics: 'L',
          dataCollection: 'D',
        },
      }),
    ],
  },
  {
    prefix: 'cycle.start',
    kind: 'form',
    other: [
      (ids) => ({ id: 'cycle.start', values: startValues(ids.bSite, ids.aIdeaId, ids.aMeasure) }),
      (ids) => ({ id: 'cycle.start', values: startValues(ids.aSite, ids.bIdeaId, ids.aMeasure) }),
      (ids) => ({ id: 'cycle.start', values: startValues(ids.aSite, ids.aIdeaId, ids.bMeasure) }),
      (ids) => ({
        id: `cycle.start:${ids.bClosedId}`,
        values: startValues(ids.aSite, ids.aIdeaId, ids.aMeasure),
      }),
      (ids) => ({
        id: 'cycle.start',
        values: { ...startValues(ids.aSite, ids.aIdeaId, ids.aMeasure), owner: '@Zina' },
      }),
    ],
  },
];

function startValues(site: number, idea: number, measure: number): Record<string, string> {
  return {
    site: String(site),
    idea: String(idea),
    measure: String(measure),
    from: '2026-11-30',
    to: '2026-12-11',
    owner: '',
    with: '',
    question: '',
  };
}

// What an A caller is told when naming something of B: it does not exist for them.
const NOT_FOUND =
  /There is no (site|cycle #\d+ in your network|measure|change idea \d+|condition|driver)|has no value|I don't know anyone called "[^"]+" in Literacy NIC|has no break number|no break number|already belongs to another improvement network|not one of yours|not in your network|no longer there|no longer in use/;

let t: TestDatabase;
let seeded: TwoNetworks;
let seed: DbState;
let dirty = false;
let n = 0;

beforeAll(async () => {
  t = await createTestDatabase();
  seeded = await buildTwoNetworks(t.db);
  seed = await readState(t.db);
}, 120_000);
afterAll(() => t?.close());

/** The database as seeded, restoring it only when the last event changed it. */
async function fresh(): Promise<DbState> {
  if (dirty) await restoreState(t.db, seed);
  dirty = false;
  return seed;
}

type Outcome = { text: string; before: DbState; after: DbState; formOpened: boolean };
/** An event without its id and actor, which `run` adds. */
type EventBody = InboundEvent extends infer E
  ? E extends InboundEvent
    ? Omit<E, 'eventId' | 'actor'>
    : never
  : never;

async function run(caller: string, event: EventBody): Promise<Outcome> {
  const before = await fresh();
  const h = seeded.harness;
  const result = await h.bot.handle({
    ...event,
    eventId: `matrix-${++n}`,
    actor: h.actor(caller),
  } as InboundEvent);
  const after = await readState(t.db);
  dirty = diffStates(before, after).length > 0;
  return { text: textOf(result), before, after, formOpened: result.openForm !== undefined };
}

const command = (caller: string, line: string) =>
  run(caller, {
    kind: 'command',
    text: `/pdsa ${line}`,
    conversation: { platform: 'shell', channel: 'improvement', name: '#improvement' },
  });

/** What of B shows in `text`, leaving out what the caller typed. */
function leaks(text: string, typed: string): string[] {
  const found: string[] = [];
  if (text.includes(SECRET)) found.push(SECRET);
  if (text.includes('Quokka')) found.push('Quokka');
  for (const name of B_PEOPLE) {
    if (new RegExp(`\\b${name}\\b`, 'i').test(typed)) continue;
    if (new RegExp(`\\b${name}\\b`).test(text)) found.push(name);
  }
  return found;
}

/** Problems with what one caller got, as sentences (empty when all is well). */
function judgeOwn(row: Row, caller: Caller, line: string, o: Outcome): string[] {
  const who = `${caller} ${NAME[caller]}: /pdsa ${line}`;
  const problems: string[] = [];
  const leaked = leaks(o.text, line);
  if (leaked.length) problems.push(`${who} saw network B's ${leaked.join(', ')}: ${o.text}`);
  const bBefore = rowsOfNetwork(o.before, seeded.ids.bNetwork);
  const bAfter = rowsOfNetwork(o.after, seeded.ids.bNetwork);
  if (JSON.stringify([...bBefore]) !== JSON.stringify([...bAfter])) problems.push(`${who} changed network B`);
  if (ALLOWED[row.level].includes(caller)) {
    if (!row.done.test(o.text)) problems.push(`${who} should have got ${row.done} but got: ${o.text}`);
    if (ANY_REFUSAL.test(o.text)) problems.push(`${who} was refused: ${o.text}`);
  } else {
    const refusal = refusalFor(row.level, caller, row.refusal);
    if (!refusal.test(o.text))
      problems.push(`${who} should have been refused with ${refusal} but got: ${o.text}`);
    const changes = diffStates(o.before, o.after);
    if (changes.length)
      problems.push(`${who} was refused, yet the database changed:\n  ${changes.join('\n  ')}`);
  }
  return problems;
}

function judgeOther(caller: Caller, line: string, o: Outcome): string[] {
  const who = `${caller} ${NAME[caller]}: ${line}`;
  const problems: string[] = [];
  const leaked = leaks(o.text, line);
  if (leaked.length) problems.push(`${who} saw network B's ${leaked.join(', ')}: ${o.text}`);
  const bBefore = rowsOfNetwork(o.before, seeded.ids.bNetwork);
  const bAfter = rowsOfNetwork(o.after, seeded.ids.bNetwork);
  if (JSON.stringify([...bBefore]) !== JSON.stringify([...bAfter])) problems.push(`${who} changed network B`);
  // Reading commands may answer "nothing here" in words; anything else is refused and changes nothing.
  const changed = diffStates(o.before, o.after).filter((c) => !c.startsWith('inbound_events '));
  if (changed.length) problems.push(`${who} changed the database:\n  ${changed.join('\n  ')}`);
  // These forms list the caller's own network's sites, ideas, measures and drivers only.
  if (o.formOpened && !/form\.open:(cycle\.start|driver\.add)/.test(line))
    problems.push(`${who} got a form for something of network B`);
  return problems;
}

describe('the matrix covers everything a person can do', () => {
  it('every command of the registry, and every usage line of its help page, has a row', () => {
    const missing: string[] = [];
    for (const spec of allCommands()) {
      const rows = MATRIX[spec.name];
      if (!rows) {
        missing.push(`${spec.name} (no rows at all)`);
        continue;
      }
      for (const usage of spec.usage) if (!rows.some((r) => r.usage === usage)) missing.push(usage);
    }
    const known = new Set(allCommands().map((c) => c.name));
    const stale = Object.keys(MATRIX).filter((name) => !known.has(name));
    expect({ missing, stale }).toEqual({ missing: [], stale: [] });
  });

  it('every button and form route has a row', () => {
    const routes = interactionRoutes();
    const actual = [
      ...routes.actions.map((r) => `action ${r.prefix}`),
      ...routes.forms.map((r) => `form ${r.prefix}`),
    ].sort();
    expect(INTERACTIONS.map((i) => `${i.kind} ${i.prefix}`).sort()).toEqual(actual);
  });
});

for (const [name, rows] of Object.entries(MATRIX)) {
  describe(`/pdsa ${name}`, () => {
    for (const row of rows) {
      const allowed = ALLOWED[row.level];
      const refused = CALLERS.filter((c) => !allowed.includes(c));
      it(`${row.usage}: ${allowed.join(', ')} may${refused.length ? `; ${refused.join(', ')} are refused, told who can, and nothing changes` : ''}`, async () => {
        const problems: string[] = [];
        for (const caller of CALLERS) {
          const line = row.line(seeded.ids);
          problems.push(...judgeOwn(row, caller, line, await command(NAME[caller], line)));
        }
        expect(problems).toEqual([]);
      });
      if (row.other?.length) {
        it(`${row.usage}, naming network B's objects: nobody of A sees or changes anything of B`, async () => {
          const problems: string[] = [];
          for (const other of row.other ?? []) {
            const line = other(seeded.ids);
            for (const caller of CALLERS) {
              const o = await command(NAME[caller], line);
              problems.push(...judgeOther(caller, `/pdsa ${line}`, o));
              if (
                ALLOWED[row.level].includes(caller) &&
                !NOT_FOUND.test(o.text) &&
                !/^No learnings|No cycle has reached Study/m.test(o.text)
              )
                problems.push(
                  `${caller} ${NAME[caller]}: /pdsa ${line} should find nothing of B but got: ${o.text}`,
                );
            }
          }
          expect(problems).toEqual([]);
        });
      }
    }
  });
}

describe('buttons and forms', () => {
  for (const interaction of INTERACTIONS) {
    it(`${interaction.kind} ${interaction.prefix} with network B's ids: refused for everyone of A, nothing of B shown or changed`, async () => {
      const problems: string[] = [];
      for (const make of interaction.other) {
        const e = make(seeded.ids);
        for (const caller of CALLERS) {
          const o = await run(
            NAME[caller],
            interaction.kind === 'action'
              ? { kind: 'action', actionId: e.id, value: e.value ?? '' }
              : { kind: 'formSubmit', formId: e.id, values: e.values ?? {} },
          );
          const label = `${interaction.kind} ${e.id} ${JSON.stringify(e.value ?? e.values)}`;
          problems.push(...judgeOther(caller, label, o));
          const allowedToOpen =
            (interaction.prefix === 'form.open:cycle.start' && ALLOWED.member.includes(caller)) ||
            (interaction.prefix === 'form.open:driver.add' && ALLOWED.facilitator.includes(caller));
          if (!allowedToOpen && diffStates(o.before, o.after).length > 0)
            problems.push(`${caller}: ${label} changed the database`);
        }
      }
      expect(problems).toEqual([]);
    });
  }
});
