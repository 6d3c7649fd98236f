import type { Phase } from '../../core/domain.ts';
import { type CheckinContext, loadCheckinContext } from '../../store/views/checkin-context.ts';
import type { Trx } from '../context.ts';
import { UserError } from '../user-error.ts';

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

export const PHASE_TITLES: Record<Phase, string> = {
  plan: 'Plan',
  do: 'Do',
  study: 'Study',
  act: 'Act',
};
