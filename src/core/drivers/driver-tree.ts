import type { Decision } from '../domain.ts';

// The network's theory of improvement as a driver diagram: the aim, the
// primary drivers that move it, the secondary drivers under each, and the
// change ideas that act on a driver, each with what the cycles so far say
// about it. Plain data in, a tree out, for the text and the picture alike.

export const MAX_DRIVER_NAME = 200;

export type DriverInput = { id: number; name: string; parentId: number | null };

/** One cycle of an idea, as much as the diagram needs. */
export type IdeaCycle = { siteId: number; decision: Decision | null; closed: boolean };

/** `id` is the row's, `number` the one people read ("Idea 3"), counted within the network. */
export type IdeaInput = {
  id: number;
  number: number;
  text: string;
  driverId: number | null;
  cycles: readonly IdeaCycle[];
};

/** What an idea's cycles add up to: how often, where, and what was decided. */
export type IdeaTally = {
  cycles: number;
  sites: number;
  adopt: number;
  adapt: number;
  abandon: number;
  /** Cycles not closed yet. */
  running: number;
};

export type IdeaNode = { id: number; number: number; text: string; tally: IdeaTally };
export type SecondaryNode = { id: number; name: string; ideas: IdeaNode[] };
export type PrimaryNode = { id: number; name: string; ideas: IdeaNode[]; secondaries: SecondaryNode[] };

export type DriverTree = {
  aim: string;
  primaries: PrimaryNode[];
  /** Ideas on no driver yet. */
  unplaced: IdeaNode[];
};

export function tallyCycles(cycles: readonly IdeaCycle[]): IdeaTally {
  const decided = (d: Decision) => cycles.filter((c) => c.decision === d).length;
  return {
    cycles: cycles.length,
    sites: new Set(cycles.map((c) => c.siteId)).size,
    adopt: decided('adopt'),
    adapt: decided('adapt'),
    abandon: decided('abandon'),
    running: cycles.filter((c) => !c.closed).length,
  };
}

/**
 * The tree: drivers in the order they were added (the order a network
 * builds its theory in), ideas by number. A secondary driver whose parent is
 * missing is shown as a primary one rather than lost.
 */
export function buildDriverTree(
  aim: string,
  drivers: readonly DriverInput[],
  ideas: readonly IdeaInput[],
): DriverTree {
  const byId = new Map(drivers.map((d) => [d.id, d]));
  const ideasOf = (driverId: number) =>
    ideas
      .filter((i) => i.driverId === driverId)
      .sort((a, b) => a.number - b.number)
      .map(ideaNode);
  const sorted = [...drivers].sort((a, b) => a.id - b.id);
  const isPrimary = (d: DriverInput) => d.parentId === null || !byId.has(d.parentId);
  const primaries = sorted.filter(isPrimary).map(
    (p): PrimaryNode => ({
      id: p.id,
      name: p.name,
      ideas: ideasOf(p.id),
      secondaries: sorted
        .filter((s) => s.parentId === p.id)
        .map((s) => ({ id: s.id, name: s.name, ideas: ideasOf(s.id) })),
    }),
  );
  const unplaced = ideas
    .filter((i) => i.driverId === null || !byId.has(i.driverId))
    .sort((a, b) => a.number - b.number)
    .map(ideaNode);
  return { aim, primaries, unplaced };
}

function ideaNode(i: IdeaInput): IdeaNode {
  return { id: i.id, number: i.number, text: i.text, tally: tallyCycles(i.cycles) };
}

/** Every idea of the tree, in the order shown. */
export function ideasInOrder(tree: DriverTree): IdeaNode[] {
  return [
    ...tree.primaries.flatMap((p) => [...p.ideas, ...p.secondaries.flatMap((s) => s.ideas)]),
    ...tree.unplaced,
  ];
}

/** Drivers by name for a choice list: "Primary › Secondary", primaries first in their order. */
export function driverLabels(drivers: readonly DriverInput[]): { id: number; label: string }[] {
  const tree = buildDriverTree('', drivers, []);
  return tree.primaries.flatMap((p) => [
    { id: p.id, label: p.name },
    ...p.secondaries.map((s) => ({ id: s.id, label: `${p.name} › ${s.name}` })),
  ]);
}

/** "3 cycles at 2 sites: 1 adopt, 1 adapt (1 under way)", or "not tested yet". */
export function tallyText(t: IdeaTally): string {
  if (t.cycles === 0) return 'not tested yet';
  const decisions = (['adopt', 'adapt', 'abandon'] as const)
    .filter((d) => t[d] > 0)
    .map((d) => `${t[d]} ${d}`);
  const where = `${t.cycles} ${t.cycles === 1 ? 'cycle' : 'cycles'} at ${t.sites} ${t.sites === 1 ? 'site' : 'sites'}`;
  const running = t.running > 0 ? ` (${t.running} under way)` : '';
  return decisions.length ? `${where}: ${decisions.join(', ')}${running}` : `${where}${running}`;
}
