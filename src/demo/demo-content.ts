import type { Decision } from '../core/domain.ts';

// The people, places and words of the demo network: twelve schools of
// clearly different sizes working on getting students to class on time.

export type DemoSite = {
  name: string;
  /** Students enrolled: the denominator of a week's tally. */
  size: number;
  /** Chance a student is on time, before any change. */
  base: number;
  /** Cycles start in odd weeks (0) or even weeks (1) of the twelve, so decisions come every week. */
  offset: 0 | 1;
  story?: 'late start' | 'breakfast' | 'sustained shift';
  /** The site's values of the demo's two conditions. */
  level: string;
  locale: string;
};

/**
 * Twelve sites: the P′ comparison across sites estimates σz from the sites
 * themselves, and below about a dozen sites one site's own result widens the
 * limits enough that it can hardly stand out (see docs in src/core/digest).
 */
export const DEMO_SITES: DemoSite[] = [
  {
    name: 'Maple Elementary',
    size: 40,
    base: 0.72,
    offset: 0,
    story: 'late start',
    level: 'elementary',
    locale: 'rural',
  },
  { name: 'Birch Academy', size: 65, base: 0.7, offset: 1, level: 'K-8', locale: 'urban' },
  { name: 'Cedar Grove K-8', size: 90, base: 0.74, offset: 0, level: 'K-8', locale: 'rural' },
  { name: 'Oak Hill Elementary', size: 120, base: 0.69, offset: 1, level: 'elementary', locale: 'suburban' },
  { name: 'Pine Ridge Middle', size: 160, base: 0.71, offset: 0, level: 'middle', locale: 'rural' },
  {
    name: 'Willow Creek Elementary',
    size: 210,
    base: 0.7,
    offset: 1,
    level: 'elementary',
    locale: 'suburban',
  },
  { name: 'Riverside Middle', size: 260, base: 0.73, offset: 1, level: 'middle', locale: 'urban' },
  {
    name: 'Aspen Middle',
    size: 320,
    base: 0.72,
    offset: 0,
    story: 'breakfast',
    level: 'middle',
    locale: 'suburban',
  },
  {
    name: 'Lincoln Middle',
    size: 380,
    base: 0.62,
    offset: 0,
    story: 'sustained shift',
    level: 'middle',
    locale: 'urban',
  },
  { name: 'Jefferson High', size: 450, base: 0.69, offset: 1, level: 'high', locale: 'urban' },
  { name: 'Washington High', size: 520, base: 0.71, offset: 0, level: 'high', locale: 'suburban' },
  { name: 'Roosevelt High', size: 600, base: 0.7, offset: 1, level: 'high', locale: 'rural' },
];

export const DEMO_EDUCATORS = [
  'Ana Ruiz',
  'Ben Carter',
  'Cho Park',
  'Dana Wells',
  'Eli Brooks',
  'Fatima Noor',
  'Gus Moreno',
  'Hana Sato',
  'Ivan Petrov',
  'Jonah Reed',
  'Kira Lund',
  'Leo Grant',
  'Mia Chen',
  'Nate Olsen',
  'Omar Haddad',
  'Priya Shah',
  'Quinn Doyle',
  'Rosa Diaz',
  'Sam Ortiz',
  'Tess Murphy',
  'Uma Rao',
  'Vic Alvarez',
  'Wren Hall',
  'Yara Nasser',
];

export const DEMO_FACILITATORS = ['Fran Okafor', 'Sol Bennett'];

/** The demo's conditions, with their values in order. */
export const DEMO_CONDITIONS = [
  { name: 'level', values: ['elementary', 'K-8', 'middle', 'high'] },
  { name: 'locale', values: ['urban', 'suburban', 'rural'] },
] as const;

/** The demo's driver diagram: primary drivers and the secondary drivers under each. */
export const DEMO_DRIVERS: { primary: string; secondaries: string[] }[] = [
  {
    primary: 'Students feel expected at school',
    secondaries: ['Adults know and greet each student', 'Late arrivals are welcomed back, not shamed'],
  },
  {
    primary: 'Mornings start with a reason to be there',
    secondaries: ['Something worth arriving for in the first ten minutes'],
  },
  {
    primary: 'Families know and can help',
    secondaries: ['Families hear early, in words they use', 'Transport works for every family'],
  },
];

export type DemoIdea = {
  text: string;
  /** The secondary driver it acts on (one of DEMO_DRIVERS). */
  driver: string;
  /** What the change adds to the chance of being on time, as its testers expect it to. */
  expectedLift: number;
  lessons: Record<Decision, { learned: string; nextStep: string }[]>;
  surprises: string[];
};

export const DEMO_IDEAS: DemoIdea[] = [
  {
    text: 'Greet every student at the door by name',
    driver: 'Adults know and greet each student',
    expectedLift: 0.06,
    lessons: {
      adopt: [
        {
          learned: 'Saying each name takes three minutes and the students notice the day we skip it.',
          nextStep: 'Keep it daily and add the side door.',
        },
        {
          learned: 'Late arrivals dropped most among students who used to come in last.',
          nextStep: 'Make it part of the morning duty rota.',
        },
      ],
      adapt: [
        {
          learned: 'It works at the main door, but most late students come in through the bus bay.',
          nextStep: 'Move one greeter to the bus bay.',
        },
        {
          learned: 'Two adults at the door was too many; one warm greeting was enough.',
          nextStep: 'Test one greeter with a class list.',
        },
      ],
      abandon: [
        {
          learned: 'Our late students arrive after the greeting ends, so they never met it.',
          nextStep: 'Look at why the 8:10 bus is late instead.',
        },
      ],
    },
    surprises: ['Students started greeting each other by name too.', 'The biggest change was on Mondays.'],
  },
  {
    text: 'Breakfast in the classroom for the first ten minutes',
    driver: 'Something worth arriving for in the first ten minutes',
    expectedLift: 0.08,
    lessons: {
      adopt: [
        {
          learned: 'Students come early when breakfast is in the room instead of the cafeteria.',
          nextStep: 'Run it every day; ask the kitchen for a second cart.',
        },
      ],
      adapt: [
        {
          learned: 'Breakfast slowed the start of class: ten minutes became fifteen.',
          nextStep: 'Serve it from 7:50 so class starts at the bell.',
        },
      ],
      abandon: [
        {
          learned: 'The kitchen could not deliver before 8:05, so it made mornings later.',
          nextStep: 'Revisit when the new kitchen schedule starts.',
        },
      ],
    },
    surprises: ['More students arrived early than on time.', 'Attendance rose as well as punctuality.'],
  },
  {
    text: 'Text families when a student is late twice in a week',
    driver: 'Families hear early, in words they use',
    expectedLift: 0.03,
    lessons: {
      adopt: [
        {
          learned: 'A friendly text the same day got replies from most families.',
          nextStep: 'Keep it, with the text translated into Spanish and Arabic.',
        },
      ],
      adapt: [
        {
          learned: 'Texts helped when sent the evening before, not after the second late arrival.',
          nextStep: 'Send a friendly reminder on Sunday evenings.',
        },
      ],
      abandon: [
        {
          learned: 'Families found the texts nagging; most late arrivals were about buses, not habits.',
          nextStep: 'Stop the texts and talk to transport about route 12.',
        },
      ],
    },
    surprises: [
      'Several families asked for the texts to continue.',
      'Older siblings were the ones getting students to school.',
    ],
  },
];
