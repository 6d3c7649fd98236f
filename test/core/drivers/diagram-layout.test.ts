import { describe, expect, it } from 'vitest';
import {
  DIAGRAM,
  type LaidBox,
  layoutDiagram,
  type MeasureText,
  wrapLines,
} from '../../../src/core/drivers/diagram-layout.ts';
import { buildDriverTree, type IdeaInput } from '../../../src/core/drivers/driver-tree.ts';

// The diagram's layout, measured with a plain width rule (0.55 em a
// character): every line fits its box, no two boxes overlap, every parent
// is joined to each of its children, and a huge network is cut to a
// picture one can still open.

const measure: MeasureText = (text, size) => text.length * size * 0.55;

function tree(primaries: number, secondaries: number, ideasEach: number, long = false) {
  const drivers = [];
  const ideas: IdeaInput[] = [];
  let id = 1;
  for (let p = 0; p < primaries; p++) {
    const pid = id++;
    drivers.push({
      id: pid,
      name: `Primary driver ${p}${long ? ' with a long name that needs several lines to be read' : ''}`,
      parentId: null,
    });
    for (let s = 0; s < secondaries; s++) {
      const sid = id++;
      drivers.push({ id: sid, name: `Secondary ${p}.${s}`, parentId: pid });
      for (let i = 0; i < ideasEach; i++)
        ideas.push({
          id,
          number: id++,
          text: `Idea ${p}.${s}.${i}${long ? ' that goes on and on about what to try at the door every single morning before the bell rings' : ''}`,
          driverId: sid,
          cycles: i % 2 ? [{ siteId: 1, decision: 'adopt', closed: true }] : [],
        });
    }
  }
  return buildDriverTree('Every student in class when the bell rings', drivers, ideas);
}

const overlaps = (a: LaidBox, b: LaidBox) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

describe('the diagram layout', () => {
  for (const [name, t] of [
    ['small', tree(2, 2, 1)],
    ['wide', tree(4, 3, 3)],
    ['long names', tree(3, 2, 2, true)],
    [
      'a primary driver with ideas of its own and none under it',
      buildDriverTree(
        'Aim',
        [{ id: 1, name: 'Alone', parentId: null }],
        [{ id: 2, number: 1, text: 'Direct', driverId: 1, cycles: [] }],
      ),
    ],
  ] as const) {
    it(`${name}: text fits its boxes, boxes do not overlap, every child is joined`, () => {
      const layout = layoutDiagram(t, 'Network: driver diagram', measure);
      for (const b of layout.boxes) {
        for (const l of b.lines) {
          expect(measure(l.text, l.size, l.bold)).toBeLessThanOrEqual(b.width - 2 * DIAGRAM.padding);
          expect(l.baseline).toBeLessThanOrEqual(b.height);
        }
        expect(b.x + b.width).toBeLessThanOrEqual(layout.width);
        expect(b.y + b.height).toBeLessThanOrEqual(layout.height);
      }
      for (const [i, a] of layout.boxes.entries())
        for (const b of layout.boxes.slice(i + 1))
          expect(overlaps(a, b), `${a.lines[0]?.text} / ${b.lines[0]?.text}`).toBe(false);
      const ideaBoxes = layout.boxes.filter(
        (b) => b.kind === 'idea' || b.kind === 'untested' || b.kind === 'empty',
      );
      // Every idea, secondary and primary box is the end of one connector.
      for (const b of layout.boxes.filter((x) => x.kind !== 'aim'))
        expect(layout.connectors.filter((c) => c.x2 === b.x && c.y2 === b.y + b.height / 2)).toHaveLength(1);
      expect(ideaBoxes.length).toBeGreaterThan(0);
    });
  }

  it('draws an untested idea dashed and says so in words', () => {
    const layout = layoutDiagram(tree(1, 1, 2), 'T', measure);
    const untested = layout.boxes.filter((b) => b.kind === 'untested');
    expect(untested).toHaveLength(1);
    expect(untested[0]!.lines.at(-1)!.text).toBe('not tested yet');
  });

  it(`draws at most ${DIAGRAM.maxIdeas} ideas and counts the rest in a note`, () => {
    const layout = layoutDiagram(tree(5, 4, 4), 'T', measure);
    expect(layout.boxes.filter((b) => b.kind === 'idea' || b.kind === 'untested')).toHaveLength(
      DIAGRAM.maxIdeas,
    );
    expect(layout.texts.at(-1)!.text).toBe('…and 20 more change ideas, listed in the text with the picture.');
  });
});

describe('wrapLines', () => {
  it('wraps at words, and cuts the last line with an ellipsis when the text runs on', () => {
    expect(wrapLines('one two three four', 10 * 5.5 + 1, 10, false, 3, measure)).toEqual([
      'one two',
      'three four',
    ]);
    const cut = wrapLines('one two three four five six seven', 8 * 5.5, 10, false, 2, measure);
    expect(cut).toHaveLength(2);
    expect(cut[1]!.endsWith('…')).toBe(true);
    expect(wrapLines('Supercalifragilistic', 8 * 5.5, 10, false, 1, measure)[0]!.endsWith('…')).toBe(true);
  });
});
