import type { Decision } from '../../../src/core/domain.ts';
import type { Db } from '../../../src/db/connect.ts';
import type { seedNetwork } from './bot-harness.ts';

// Cycles written as the check-ins would have left them, for tests of what
// the network learns from them (learnings by condition, the monthly digest
// section): a Plan with its prediction, a Study with its result and lesson,
// an Act with its decision, each answered on the cycle's first day.

export type SeededNetwork = Awaited<ReturnType<typeof seedNetwork>>;

export type Outcome = { predicted: number; result?: number; decision?: Decision; learned?: string };

export async function seedOutcome(
  db: Db,
  s: SeededNetwork,
  site: number,
  idea: number,
  startsOn: string,
  outcome: Outcome,
) {
  const at = (time: string) => new Date(`${startsOn}T${time}:00Z`);
  const cycle = await db
    .insertInto('cycles')
    .values({
      network_id: s.network.id,
      site_id: site,
      owner_member_id: s.ana.id,
      change_idea_id: idea,
      measure_id: s.measure.id,
      starts_on: startsOn,
      ends_on: startsOn,
      phase: outcome.decision ? 'closed' : 'do',
      decision: outcome.decision ?? null,
      decided_at: outcome.decision ? at('21:00') : null,
      created_at: at('13:00'),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const checkin = (
    phase: 'plan' | 'study' | 'act',
    value: number | null,
    answer: Record<string, unknown>,
    time: string,
  ) =>
    db
      .insertInto('checkins')
      .values({
        cycle_id: cycle.id,
        member_id: s.ana.id,
        phase,
        status: 'answered',
        due_at: at(time),
        answered_at: at(time),
        value,
        answer,
      })
      .execute();
  await checkin(
    'plan',
    outcome.predicted,
    { question: 'q', prediction: { value: outcome.predicted } },
    '14:00',
  );
  if (outcome.result !== undefined)
    await checkin(
      'study',
      outcome.result,
      { result: { value: outcome.result }, learned: outcome.learned ?? 'It helped.' },
      '20:00',
    );
  if (outcome.decision)
    await checkin('act', null, { decision: outcome.decision, nextStep: 'Keep going.' }, '21:00');
  return cycle.id;
}

/** A Do figure recorded at a site on a day, in a cycle of its own: what a site's baseline is made of. */
export async function seedFigure(
  db: Db,
  s: SeededNetwork,
  site: number,
  idea: number,
  day: string,
  value: number,
) {
  const id = await seedOutcome(db, s, site, idea, day, { predicted: value });
  await db
    .insertInto('checkins')
    .values({
      cycle_id: id,
      member_id: s.ben.id,
      phase: 'do',
      status: 'answered',
      due_at: new Date(`${day}T15:00:00Z`),
      answered_at: new Date(`${day}T15:00:00Z`),
      value,
    })
    .execute();
}
