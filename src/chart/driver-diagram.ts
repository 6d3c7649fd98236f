import { renderAsync } from '@resvg/resvg-js';
import {
  type BoxKind,
  type DiagramLayout,
  layoutDiagram,
  type MeasureText,
} from '../core/drivers/diagram-layout.ts';
import type { DriverTree } from '../core/drivers/driver-tree.ts';
import { bundledFonts, fontFiles, latinFonts } from './fonts.ts';
import { encodePng, type PngEffort } from './png.ts';
import { facesFor, measureText } from './text-measure.ts';

// The driver diagram as a picture: SVG written straight from the layout
// (src/core/drivers/diagram-layout.ts) and drawn by resvg with the bundled
// Inter, like the digest's chart, so no browser and no system font is needed.

const FONT_FAMILY = 'Inter';
const INK = '#222222';
const MUTED = '#555555';
const LINE = '#8A8A8A';

// Okabe-Ito blue for the theory's spine; an untested idea has a dashed
// border as well as its words, so colour is never the only cue.
const STYLE: Record<BoxKind, { fill: string; stroke: string; dash?: string; ink?: string }> = {
  aim: { fill: '#0072B2', stroke: '#0072B2', ink: '#FFFFFF' },
  primary: { fill: '#DCEBF5', stroke: '#0072B2' },
  secondary: { fill: '#EEF6FB', stroke: '#56B4E9' },
  idea: { fill: '#FFFFFF', stroke: '#7A7A7A' },
  untested: { fill: '#FFFFFF', stroke: '#9A9A9A', dash: '8 6' },
  empty: { fill: '#FAFAFA', stroke: '#BBBBBB', dash: '4 6' },
};

/** Picture width in pixels: wide enough to read when opened full size on a phone. */
export const DIAGRAM_PIXEL_WIDTH = 1600;

/** Widths from the bundled font's advances, the ones resvg draws with. */
export const measureWithBundledFont: MeasureText = (text, size, bold) => measureText(text, size, bold);

const escapeXml = (s: string) =>
  s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!,
  );

function text(x: number, y: number, s: string, size: number, bold: boolean, fill: string): string {
  return `<text x="${x}" y="${y}" font-family="${FONT_FAMILY}" font-size="${size}"${bold ? ' font-weight="700"' : ''} fill="${fill}">${escapeXml(s)}</text>`;
}

export function diagramSvg(layout: DiagramLayout): string {
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${layout.width}" height="${layout.height}" viewBox="0 0 ${layout.width} ${layout.height}">`,
    `<rect width="100%" height="100%" fill="#FFFFFF"/>`,
  ];
  for (const c of layout.connectors) {
    // An elbow: out of the parent, down or up in the gap, into the child.
    const mid = c.x1 + 20;
    parts.push(
      `<path d="M${c.x1} ${c.y1}H${mid}V${c.y2}H${c.x2}" fill="none" stroke="${LINE}" stroke-width="2"/>`,
    );
  }
  for (const b of layout.boxes) {
    const style = STYLE[b.kind];
    parts.push(
      `<rect x="${b.x}" y="${b.y}" width="${b.width}" height="${b.height}" rx="10" fill="${style.fill}" stroke="${style.stroke}" stroke-width="2"${style.dash ? ` stroke-dasharray="${style.dash}"` : ''}/>`,
    );
    for (const l of b.lines) {
      const fill = style.ink ?? (l.muted ? MUTED : INK);
      parts.push(text(b.x + 14, b.y + l.baseline, l.text, l.size, l.bold, fill));
    }
  }
  for (const t of layout.texts)
    parts.push(text(t.x, t.baseline, t.text, t.size, t.bold, t.muted ? MUTED : INK));
  parts.push('</svg>');
  return parts.join('\n');
}

/** The diagram's SVG, laid out with the bundled font's widths. */
export function driverDiagramSvg(tree: DriverTree, title: string): string {
  return diagramSvg(layoutDiagram(tree, title, measureWithBundledFont));
}

/** Every text the diagram draws, to choose the faces that have all its letters. */
function diagramText(layout: DiagramLayout): string {
  return [
    ...layout.texts.map((t) => t.text),
    ...layout.boxes.flatMap((b) => b.lines.map((l) => l.text)),
  ].join('');
}

/** The diagram as a PNG ('small' for pictures kept in git). */
export async function renderDriverDiagram(
  tree: DriverTree,
  title: string,
  effort: PngEffort = 'fast',
): Promise<Uint8Array> {
  const layout = layoutDiagram(tree, title, measureWithBundledFont);
  const faces = facesFor(diagramText(layout));
  const files = fontFiles(faces === 'latin' ? latinFonts() : bundledFonts());
  // resvg draws in a worker thread, so the bot keeps answering meanwhile.
  const image = await renderAsync(diagramSvg(layout), {
    fitTo: { mode: 'width', value: DIAGRAM_PIXEL_WIDTH },
    font: {
      fontFiles: files,
      // System fonts only for letters Inter lacks (names in other scripts), as the digest's chart does.
      loadSystemFonts: faces === 'none' || files.length === 0,
      defaultFontFamily: files.length > 0 ? FONT_FAMILY : 'DejaVu Sans',
    },
  });
  return encodePng(image.pixels, image.width, image.height, effort);
}
