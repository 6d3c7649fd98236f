import type { MeasureInfo } from '../../core/checkin-questions.ts';
import type { Measurement, Phase } from '../../core/domain.ts';
import type { CheckinRow, CycleRow } from '../../db/schema.ts';
import type { Trx } from '../context.ts';
import { UserError } from '../user-error.ts';

/** A check-in with everything needed to ask it, answer it and describe it. */
export type CheckinContext = {
  checkin: CheckinRow;
  cycle: CycleRow;
  measure: MeasureInfo & { id: number; better: 'higher' | 'lower' };
  ideaText: string;
  siteName: string;
  networkName: string;
  networkId: number;
  personId: number;
  memberName: string;
  ownerMemberId: number | null;
};

export async function loadCheckinContext(trx: Trx, checkinId: number): Promise<CheckinContext | undefined> {
  const checkin = await trx.selectFrom('checkins').selectAll().where('id', '=', checkinId).executeTakeFirst();
  if (!checkin) return undefined;
  const cycle = await trx
    .selectFrom('cycles')
    .selectAll()
    .where('id', '=', checkin.cycle_id)
    .executeTakeFirstOrThrow();
  const row = await trx
    .selectFrom('cycles')
    .innerJoin('measures', 'measures.id', 'cycles.measure_id')
    .innerJoin('change_ideas', 'change_ideas.id', 'cycles.change_idea_id')
    .innerJoin('sites', 'sites.id', 'cycles.site_id')
    .innerJoin('networks', 'networks.id', 'cycles.network_id')
    .select([
      'measures.id as measureId',
      'measures.name as measureName',
      'measures.kind as measureKind',
      'measures.unit as measureUnit',
      'measures.better as measureBetter',
      'change_ideas.text as ideaText',
      'sites.name as siteName',
      'networks.name as networkName',
      'networks.id as networkId',
    ])
    .where('cycles.id', '=', cycle.id)
    .executeTakeFirstOrThrow();
  const who = await trx
    .selectFrom('members')
    .innerJoin('people', 'people.id', 'members.person_id')
    .select(['people.id as personId', 'people.display_name as name'])
    .where('members.id', '=', checkin.member_id)
    .executeTakeFirstOrThrow();
  return {
    checkin,
    cycle,
    measure: {
      id: row.measureId,
      name: row.measureName,
      kind: row.measureKind,
      unit: row.measureUnit,
      better: row.measureBetter,
    },
    ideaText: row.ideaText,
    siteName: row.siteName,
    networkName: row.networkName,
    networkId: row.networkId,
    personId: who.personId,
    memberName: who.name,
    ownerMemberId: cycle.owner_member_id,
  };
}

export async function requireCheckinOf(
  trx: Trx,
  checkinId: number,
  personId: number,
): Promise<CheckinContext> {
  const ctx = await loadCheckinContext(trx, checkinId);
  if (!ctx || ctx.personId !== personId) throw notYourCheckin();
  return ctx;
}

/** The answer to a check-in id that is not the caller's, or names no check-in. */
export function notYourCheckin(): UserError {
  return new UserError('That check-in is not one of yours. Type `/pdsa status` to see your open check-ins.');
}

/** The owner's prediction for a cycle, from its Plan check-in. */
export async function predictionOf(trx: Trx, cycleId: number): Promise<Measurement | undefined> {
  const plan = await trx
    .selectFrom('checkins')
    .select(['value', 'numerator', 'denominator', 'answer'])
    .where('cycle_id', '=', cycleId)
    .where('phase', '=', 'plan' satisfies Phase)
    .where('status', '=', 'answered')
    .executeTakeFirst();
  if (!plan || plan.value === null) return undefined;
  const approximate = (plan.answer?.prediction as { approximate?: boolean } | undefined)?.approximate;
  return {
    value: plan.value,
    ...(plan.numerator !== null && plan.denominator !== null
      ? { numerator: plan.numerator, denominator: plan.denominator }
      : {}),
    ...(approximate ? { approximate } : {}),
  };
}

export const PHASE_TITLES: Record<Phase, string> = {
  plan: 'Plan',
  do: 'Do',
  study: 'Study',
  act: 'Act',
};
