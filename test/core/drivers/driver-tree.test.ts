import { describe, expect, it } from 'vitest';
import {
  buildDriverTree,
  driverLabels,
  type IdeaCycle,
  tallyCycles,
  tallyText,
} from '../../../src/core/drivers/driver-tree.ts';
import { driverTreeLines, driverTreeSummary } from '../../../src/core/drivers/driver-tree-text.ts';

const drivers = [
  { id: 1, name: 'Students feel expected', parentId: null },
  { id: 2, name: 'Mornings start with a reason', parentId: null },
  { id: 3, name: 'Adults greet each student', parentId: 1 },
  { id: 4, name: 'Breakfast in the room', parentId: 2 },
  { id: 5, name: 'Families help', parentId: null },
];
const cycle = (siteId: number, decision: IdeaCycle['decision'], closed = true): IdeaCycle => ({
  siteId,
  decision,
  closed,
});

describe('the driver tree', () => {
  it('puts secondary drivers under their primary ones and ideas on their driver, in the order they were added', () => {
    const tree = buildDriverTree('Everyone on time', drivers, [
      {
        id: 7,
        number: 1,
        text: 'Greet at the door',
        driverId: 3,
        cycles: [cycle(1, 'adopt'), cycle(2, 'abandon'), cycle(1, null, false)],
      },
      { id: 8, number: 2, text: 'Morning circle', driverId: 2, cycles: [] },
      { id: 9, number: 3, text: 'Loose idea', driverId: null, cycles: [] },
    ]);
    expect(
      tree.primaries.map((p) => [
        p.name,
        p.ideas.map((i) => i.id),
        p.secondaries.map((s) => [s.name, s.ideas.map((i) => i.id)]),
      ]),
    ).toEqual([
      ['Students feel expected', [], [['Adults greet each student', [7]]]],
      ['Mornings start with a reason', [8], [['Breakfast in the room', []]]],
      ['Families help', [], []],
    ]);
    expect(tree.unplaced.map((i) => i.id)).toEqual([9]);
    expect(tree.primaries[0]!.secondaries[0]!.ideas[0]!.tally).toEqual({
      cycles: 3,
      sites: 2,
      adopt: 1,
      adapt: 0,
      abandon: 1,
      running: 1,
    });
  });

  it('says what the cycles add up to in counts', () => {
    expect(tallyText(tallyCycles([]))).toBe('not tested yet');
    expect(tallyText(tallyCycles([cycle(1, null, false)]))).toBe('1 cycle at 1 site (1 under way)');
    expect(tallyText(tallyCycles([cycle(1, 'adopt'), cycle(2, 'adapt'), cycle(2, 'adopt')]))).toBe(
      '3 cycles at 2 sites: 2 adopt, 1 adapt',
    );
  });

  it('labels drivers for lists as "Primary › Secondary", in the diagram order', () => {
    expect(driverLabels(drivers).map((d) => d.label)).toEqual([
      'Students feel expected',
      'Students feel expected › Adults greet each student',
      'Mornings start with a reason',
      'Mornings start with a reason › Breakfast in the room',
      'Families help',
    ]);
  });

  it('is written out flat for chat, ideas by their number in the network, untried drivers marked', () => {
    const tree = buildDriverTree('', drivers.slice(0, 3), [
      { id: 7, number: 1, text: 'Greet at the door', driverId: 3, cycles: [cycle(1, 'adopt')] },
    ]);
    expect(driverTreeLines(tree)).toEqual([
      '**Aim:** _not set yet_ (`/pdsa network aim …`)',
      '',
      '**Students feel expected** (primary driver)',
      '**Students feel expected › Adults greet each student** (secondary driver)',
      '• Idea 1: Greet at the door · 1 cycle at 1 site: 1 adopt',
      '',
      '**Mornings start with a reason** (primary driver)',
      '_No change idea on it yet._',
    ]);
    expect(driverTreeSummary(tree)).toBe('2 primary and 1 secondary drivers, 1 change ideas (1 tested)');
  });
});
