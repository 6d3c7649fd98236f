import type { WeeklyFigure } from '../../../src/core/digest/index.ts';
import type { MeasureKind, Phase } from '../../../src/core/domain.ts';
import { isoWeekBounds } from '../../../src/core/schedule/iso-week.ts';
import { addDays, localInstant } from '../../../src/core/schedule/local-time.ts';
import type { Db } from '../../../src/db/connect.ts';

// Rows written straight into the tables, for digest tests that need known
// figures in known weeks without walking every check-in through the bot.

export const ZONE = 'America/Chicago';

export async function seedNetwork(
  db: Db,
  name = 'Literacy NIC',
  extra: { digest_weekday?: number; digest_hour?: number } = {},
) {
  return db
    .insertInto('networks')
    .values({ name, aim: 'Every student on time', time_zone: ZONE, ...extra })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function seedSite(db: Db, networkId: number, name: string) {
  return db
    .insertInto('sites')
    .values({ network_id: networkId, name })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function seedMember(
  db: Db,
  networkId: number,
  name: string,
  role: 'educator' | 'facilitator' | 'admin',
  siteId: number | null,
) {
  const person = await db
    .insertInto('people')
    .values({
      platform: 'shell',
      workspace_id: 'local',
      platform_user_id: name.toLowerCase(),
      display_name: name,
      address: { platform: 'shell', user: name.toLowerCase(), name },
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return db
    .insertInto('members')
    .values({ network_id: networkId, person_id: person.id, site_id: siteId, role })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function seedMeasure(db: Db, networkId: number, name: string, kind: MeasureKind) {
  return db
    .insertInto('measures')
    .values({
      network_id: networkId,
      name,
      kind,
      better: 'higher',
      unit: kind === 'value' ? 'minutes' : 'students',
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function seedIdea(db: Db, networkId: number, text: string) {
  return db
    .insertInto('change_ideas')
    .values({ network_id: networkId, text })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** A week-long cycle at a site, starting on the week's Monday. */
export async function seedCycle(
  db: Db,
  ids: { networkId: number; siteId: number; ideaId: number; measureId: number; ownerId: number },
  week: string,
  extra: {
    phase?: 'plan' | 'do' | 'study' | 'act' | 'closed';
    decision?: 'adopt' | 'adapt' | 'abandon';
    closedAt?: Date;
  } = {},
) {
  const { startsOn, endsOn } = isoWeekBounds(week, ZONE);
  return db
    .insertInto('cycles')
    .values({
      network_id: ids.networkId,
      site_id: ids.siteId,
      change_idea_id: ids.ideaId,
      measure_id: ids.measureId,
      owner_member_id: ids.ownerId,
      starts_on: startsOn,
      ends_on: endsOn,
      phase: extra.phase ?? 'closed',
      decision: extra.decision ?? null,
      decided_at: extra.decision ? (extra.closedAt ?? null) : null,
      closed_at: extra.closedAt ?? null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export type FigureRow = { value?: number; numerator?: number; denominator?: number };

/** An answered check-in carrying a figure, answered at `answeredAt`. */
export async function seedCheckin(
  db: Db,
  cycleId: number,
  memberId: number,
  phase: Phase,
  answeredAt: Date,
  figure: FigureRow | null,
  answer: Record<string, unknown> = {},
) {
  const value =
    figure === null
      ? null
      : (figure.value ??
        (figure.numerator !== undefined && figure.denominator
          ? figure.numerator / figure.denominator
          : null));
  return db
    .insertInto('checkins')
    .values({
      cycle_id: cycleId,
      member_id: memberId,
      phase,
      status: 'answered',
      due_at: answeredAt,
      prompted_at: answeredAt,
      answered_at: answeredAt,
      answer,
      value,
      numerator: figure?.numerator ?? null,
      denominator: figure?.denominator ?? null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Wednesday noon of a week, in the network's zone. */
export function midweek(week: string): Date {
  return localInstant(addDays(isoWeekBounds(week, ZONE).startsOn, 2), 12, 0, ZONE);
}

/**
 * Writes each weekly figure as the Study result of a week-long cycle at its
 * site, answered on the Wednesday: the digest should read back exactly these figures.
 */
export async function seedWeeklyFigures(
  db: Db,
  ids: { networkId: number; ideaId: number; measureId: number; ownerId: number },
  siteIds: Map<number, number>,
  figures: readonly WeeklyFigure[],
) {
  for (const f of figures) {
    const siteId = siteIds.get(f.siteId)!;
    const cycle = await seedCycle(db, { ...ids, siteId }, f.week);
    await seedCheckin(
      db,
      cycle.id,
      ids.ownerId,
      'study',
      midweek(f.week),
      f.numerator !== null && f.denominator !== null
        ? { numerator: f.numerator, denominator: f.denominator }
        : { value: f.value },
    );
  }
}
