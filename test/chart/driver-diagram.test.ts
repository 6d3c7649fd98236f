import { Resvg } from '@resvg/resvg-js';
import { describe, expect, it } from 'vitest';
import {
  DIAGRAM_PIXEL_WIDTH,
  driverDiagramSvg,
  renderDriverDiagram,
} from '../../src/chart/driver-diagram.ts';
import { buildDriverTree } from '../../src/core/drivers/driver-tree.ts';

// The driver diagram as a picture: SVG from the layout, drawn by resvg with
// the bundled font; names are text, never markup.

const tree = buildDriverTree(
  'Every student in class <on time> & ready',
  [
    { id: 1, name: 'Students feel "expected"', parentId: null },
    { id: 2, name: 'Adults greet each student', parentId: 1 },
  ],
  [
    {
      id: 3,
      number: 1,
      text: "Greet at the door </text><script>alert('x')</script>",
      driverId: 2,
      cycles: [{ siteId: 1, decision: 'adopt', closed: true }],
    },
    { id: 4, number: 2, text: 'Morning circle', driverId: null, cycles: [] },
  ],
);

describe('the driver diagram picture', () => {
  it('writes names as escaped text, so any name is safe to draw', () => {
    const svg = driverDiagramSvg(tree, 'Literacy NIC: driver diagram');
    expect(svg).toContain('&lt;on time&gt;');
    expect(svg).toContain('&amp; ready');
    expect(svg).toContain('Students feel &quot;expected&quot;');
    expect(svg).not.toContain('<script>');
    // It parses as SVG.
    expect(() => new Resvg(svg)).not.toThrow();
  });

  it('is a PNG as wide as a phone can zoom into, and as tall as the diagram', async () => {
    const png = await renderDriverDiagram(tree, 'Literacy NIC: driver diagram');
    expect(Buffer.from(png.subarray(0, 8)).toString('hex')).toBe('89504e470d0a1a0a');
    const view = Buffer.from(png);
    expect(view.readUInt32BE(16)).toBe(DIAGRAM_PIXEL_WIDTH);
    expect(view.readUInt32BE(20)).toBeGreaterThan(300);
  });
});
