import type { Trx } from '../../db/trx.ts';

// A read model for a member's own data export: their check-ins with the
// cycle's number, and every earlier version of their answers.

export function checkinsOfMember(trx: Trx, memberId: number) {
  return trx
    .selectFrom('checkins')
    .innerJoin('cycles', 'cycles.id', 'checkins.cycle_id')
    .select([
      'checkins.id',
      'cycles.number as cycleNumber',
      'checkins.phase',
      'checkins.status',
      'checkins.due_at',
      'checkins.answered_at',
      'checkins.answer',
      'checkins.version',
    ])
    .where('checkins.member_id', '=', memberId)
    .orderBy('checkins.id')
    .execute();
}

export function revisionsOfMember(trx: Trx, memberId: number) {
  return trx
    .selectFrom('checkin_revisions')
    .innerJoin('checkins', 'checkins.id', 'checkin_revisions.checkin_id')
    .select([
      'checkin_revisions.checkin_id',
      'checkin_revisions.version',
      'checkin_revisions.recorded_at',
      'checkin_revisions.answer',
    ])
    .where('checkins.member_id', '=', memberId)
    .orderBy('checkin_revisions.id')
    .execute();
}
