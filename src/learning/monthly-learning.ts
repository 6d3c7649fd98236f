import type { LearningSectionInput, UntestedGroup } from '../core/digest/learning-section.ts';
import { evidenceByCondition } from '../core/evidence/by-condition.ts';
import type { LearningWindow } from '../core/evidence/learning-window.ts';
import { addDays, localInstant } from '../core/schedule/local-time.ts';
import type { Trx } from '../db/trx.ts';
import { loadDriverTree } from './driver-tree.ts';
import { loadIdeaRecords } from './idea-evidence.ts';

// What "What we're learning" is made of: the ideas with a result or a
// decision recorded in the window (with everything known about them), and
// where the theory of improvement is still untried.

export type LearningNetwork = { id: number; aim: string; time_zone: string };

/** Results (Study answers) and decisions recorded in [from, to), per idea. Reads cycles and checkins as the digest does. */
async function newEvidence(trx: Trx, networkId: number, from: Date, to: Date) {
  const [results, decisions] = await Promise.all([
    trx
      .selectFrom('checkins')
      .innerJoin('cycles', 'cycles.id', 'checkins.cycle_id')
      .select(['cycles.change_idea_id as ideaId', (eb) => eb.fn.countAll<string>().as('n')])
      .where('cycles.network_id', '=', networkId)
      .where('checkins.phase', '=', 'study')
      .where('checkins.status', '=', 'answered')
      .where('checkins.answered_at', '>=', from)
      .where('checkins.answered_at', '<', to)
      .groupBy('cycles.change_idea_id')
      .execute(),
    trx
      .selectFrom('cycles')
      .select(['change_idea_id as ideaId', (eb) => eb.fn.countAll<string>().as('n')])
      .where('network_id', '=', networkId)
      .where('decided_at', '>=', from)
      .where('decided_at', '<', to)
      .groupBy('change_idea_id')
      .execute(),
  ]);
  const news = new Map<number, { results: number; decisions: number }>();
  for (const r of results) news.set(r.ideaId, { results: Number(r.n), decisions: 0 });
  for (const d of decisions)
    news.set(d.ideaId, { results: news.get(d.ideaId)?.results ?? 0, decisions: Number(d.n) });
  return news;
}

/** The section's data for the days of `window` in the network's time zone; null when the network has nothing to say it about. */
export async function loadLearningSection(
  trx: Trx,
  network: LearningNetwork,
  window: LearningWindow,
): Promise<LearningSectionInput | null> {
  const from = localInstant(window.from, 0, 0, network.time_zone);
  const to = localInstant(addDays(window.to, 1), 0, 0, network.time_zone);
  const reading = newEvidence(trx, network.id, from, to);
  // The driver tree is read while the ideas with news are: on a pool, at the same time.
  const [news, tree, { conditions, ideas }] = await Promise.all([
    reading,
    loadDriverTree(trx, network),
    // The section's short lines show no baselines, no figure's counts and one lesson per idea: no more is read, which spares a long history.
    reading.then((news) =>
      loadIdeaRecords(trx, network, [...news.keys()], {
        asOf: to,
        baselines: false,
        answers: 'latestLesson',
        counts: false,
      }),
    ),
  ]);
  const untested: UntestedGroup[] = [];
  const bareDrivers: string[] = [];
  const untestedOf = (name: string, list: { number: number; text: string; tally: { cycles: number } }[]) => {
    const waiting = list.filter((i) => i.tally.cycles === 0).map((i) => ({ number: i.number, text: i.text }));
    if (waiting.length) untested.push({ driver: name, ideas: waiting });
  };
  for (const p of tree.primaries) {
    untestedOf(p.name, p.ideas);
    if (p.ideas.length === 0 && p.secondaries.length === 0) bareDrivers.push(p.name);
    for (const s of p.secondaries) {
      untestedOf(`${p.name} › ${s.name}`, s.ideas);
      if (s.ideas.length === 0) bareDrivers.push(`${p.name} › ${s.name}`);
    }
  }
  const loose = tree.unplaced.filter((i) => i.tally.cycles === 0);
  if (loose.length)
    untested.push({ driver: null, ideas: loose.map((i) => ({ number: i.number, text: i.text })) });
  const input: LearningSectionInput = {
    window,
    ideas: ideas.map((i) => ({
      number: i.number,
      text: i.text,
      driver: i.driver,
      newResults: news.get(i.id)?.results ?? 0,
      newDecisions: news.get(i.id)?.decisions ?? 0,
      evidence: evidenceByCondition(i.cycles, conditions),
    })),
    untested,
    bareDrivers,
  };
  const quiet = input.ideas.length === 0 && untested.length === 0 && bareDrivers.length === 0;
  return quiet && tree.primaries.length === 0 ? null : input;
}
