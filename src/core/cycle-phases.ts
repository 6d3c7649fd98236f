import type { CyclePhase, Decision, Phase } from './domain.ts';

// The life of a cycle: plan → do → study → act → closed. Each step has a
// guard; the functions return the reason a step is refused, in words a
// facilitator can act on, instead of throwing.

export const PHASE_ORDER: readonly Phase[] = ['plan', 'do', 'study', 'act'];

export function nextPhase(phase: CyclePhase): CyclePhase {
  switch (phase) {
    case 'plan':
      return 'do';
    case 'do':
      return 'study';
    case 'study':
      return 'act';
    case 'act':
    case 'closed':
      return 'closed';
  }
}

/** Who must answer a phase before the cycle moves on. */
export function phaseRespondents(phase: Phase): 'owner' | 'participants' {
  return phase === 'do' ? 'participants' : 'owner';
}

export type PhaseProgress = {
  phase: CyclePhase;
  /** Members who must answer this phase. */
  required: number[];
  /** Members who have answered it. */
  answered: number[];
};

export type TransitionCheck = { ok: true; to: CyclePhase } | { ok: false; reason: string };

/** May the cycle leave its current phase, given who has answered? */
export function canAdvance(progress: PhaseProgress): TransitionCheck {
  const { phase } = progress;
  if (phase === 'closed') return { ok: false, reason: 'the cycle is already closed' };
  const missing = progress.required.filter((id) => !progress.answered.includes(id));
  if (missing.length > 0) {
    return {
      ok: false,
      reason: `the ${phase} check-in still needs ${missing.length} answer${missing.length === 1 ? '' : 's'}`,
    };
  }
  return { ok: true, to: nextPhase(phase) };
}

/**
 * An answer can be given while its phase is the cycle's phase, and edited
 * until its phase closes: that is, also after the cycle has moved on, as long
 * as nobody has answered the next phase yet (the next phase's answers may
 * rest on this one).
 */
export function canAnswer(
  cyclePhase: CyclePhase,
  answerPhase: Phase,
  nextPhaseHasAnswers: boolean,
): TransitionCheck {
  if (cyclePhase === 'closed')
    return { ok: false, reason: 'the cycle is closed, so its answers can no longer change' };
  const current = PHASE_ORDER.indexOf(cyclePhase);
  const wanted = PHASE_ORDER.indexOf(answerPhase);
  if (wanted > current) return { ok: false, reason: `the cycle has not reached ${answerPhase} yet` };
  if (wanted === current) return { ok: true, to: cyclePhase };
  if (wanted === current - 1 && !nextPhaseHasAnswers) return { ok: true, to: cyclePhase };
  return { ok: false, reason: `the ${answerPhase} phase is over, so its answers can no longer change` };
}

/** A cycle can be closed early from any phase, with or without a decision. */
export function canClose(phase: CyclePhase): TransitionCheck {
  if (phase === 'closed') return { ok: false, reason: 'the cycle is already closed' };
  return { ok: true, to: 'closed' };
}

/** Adopt and adapt invite the next cycle of the ramp; abandon ends it. */
export function offersNextCycle(decision: Decision): boolean {
  return decision !== 'abandon';
}
