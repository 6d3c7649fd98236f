import type { CycleRow } from '../../db/schema.ts';
import { nextCycleOf } from '../../store/cycles.ts';
import type { Trx } from '../context.ts';
import { UserError } from '../user-error.ts';

// A ramp is a chain of cycles, each testing the change again after the one
// before it was adopted or adapted. A cycle has at most one next cycle.

/** The cycle that already follows `cycleId` in its ramp, if any. */
/**
 * Refuses a next cycle after `previous` unless its owner decided to adopt
 * or adapt, and nothing follows it yet; each refusal says what is missing.
 */
export async function assertRampCanContinue(trx: Trx, previous: CycleRow): Promise<void> {
  const n = previous.number;
  if (previous.phase !== 'closed') {
    throw new UserError(
      `Cycle #${n} is still in ${previous.phase}. Its next cycle can start once its owner decides to adopt or adapt the change (the Act check-in, at the end of the cycle). To test something else meanwhile, start a new cycle: \`/pdsa start\`.`,
    );
  }
  if (previous.decision === null) {
    throw new UserError(
      `Cycle #${n} was closed without a decision, so there is no ramp to continue. Start a new cycle instead: \`/pdsa start\`.`,
    );
  }
  if (previous.decision === 'abandon') {
    throw new UserError(
      `Cycle #${n} ended with "abandon". Start a new cycle with another change idea instead: \`/pdsa start\`.`,
    );
  }
  const following = await nextCycleOf(trx, previous.id);
  if (following) {
    throw new UserError(
      `Cycle #${n} is already followed by cycle #${following.number}: \`/pdsa cycle ${following.number}\`. To continue the ramp, start the cycle after that one when it is decided: \`/pdsa start next ${following.number}\`.`,
    );
  }
}
