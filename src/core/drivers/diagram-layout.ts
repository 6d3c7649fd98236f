import { shortened } from '../shortened.ts';
import { type DriverTree, type IdeaNode, tallyText } from './driver-tree.ts';

// Where everything of the driver diagram goes, in picture units, from the
// tree alone: the aim on the left, then the primary drivers, the secondary
// drivers and the change ideas with their evidence, each parent centred on
// what hangs from it, joined by elbow lines. Text is wrapped with the width
// function the caller gives (the bundled font's real advances), so this
// stays pure and the picture's text never overflows its box.

export type MeasureText = (text: string, fontSize: number, bold: boolean) => number;

export type BoxKind = 'aim' | 'primary' | 'secondary' | 'idea' | 'untested' | 'empty';

export type TextLine = { text: string; size: number; bold: boolean; muted: boolean; baseline: number };

export type LaidBox = {
  kind: BoxKind;
  x: number;
  y: number;
  width: number;
  height: number;
  lines: TextLine[];
};

export type Connector = { x1: number; y1: number; x2: number; y2: number };

export type DiagramLayout = {
  width: number;
  height: number;
  /** Title, subtitle and column headings, as lines placed on the canvas. */
  texts: (TextLine & { x: number })[];
  boxes: LaidBox[];
  connectors: Connector[];
};

export const DIAGRAM = {
  width: 1600,
  margin: 32,
  columns: { aim: [32, 260], primary: [332, 290], secondary: [662, 330], ideas: [1032, 536] },
  padding: 14,
  lineHeight: 1.28,
  font: { title: 32, subtitle: 20, header: 20, aim: 22, driver: 21, idea: 20, evidence: 17 },
  gap: { idea: 10, group: 22, primary: 36 },
  maxLines: { aim: 8, driver: 5, idea: 3 },
  /** Ideas drawn at most; the rest are counted in a note. */
  maxIdeas: 60,
} as const;

type Column = keyof typeof DIAGRAM.columns;

/** Greedy wrap into at most `maxLines`, the last cut with "…" when the text runs on. */
export function wrapLines(
  text: string,
  width: number,
  size: number,
  bold: boolean,
  maxLines: number,
  measure: MeasureText,
): string[] {
  const words = text.replace(/\s+/g, ' ').trim().split(' ');
  const lines: string[] = [];
  let line = '';
  for (const word of words) {
    const candidate = line ? `${line} ${word}` : word;
    if (!line || measure(candidate, size, bold) <= width) {
      line = candidate;
      continue;
    }
    lines.push(line);
    line = word;
  }
  if (line) lines.push(line);
  const kept = lines.slice(0, maxLines);
  if (lines.length > maxLines)
    kept[maxLines - 1] = `${kept[maxLines - 1]} ${lines.slice(maxLines).join(' ')}`;
  return kept.map((l) => fitLine(l, width, size, bold, measure));
}

function fitLine(text: string, width: number, size: number, bold: boolean, measure: MeasureText): string {
  if (measure(text, size, bold) <= width) return text;
  let chars = [...text];
  while (chars.length > 1 && measure(`${chars.join('').trimEnd()}…`, size, bold) > width)
    chars = chars.slice(0, -1);
  return `${chars.join('').trimEnd()}…`;
}

type Block = { height: number; place(top: number): void };

export function layoutDiagram(tree: DriverTree, title: string, measure: MeasureText): DiagramLayout {
  const d = DIAGRAM;
  const boxes: LaidBox[] = [];
  const connectors: Connector[] = [];
  const lh = (size: number) => Math.round(size * d.lineHeight);

  /** A box of wrapped text in a column, placed later. */
  const box = (
    kind: BoxKind,
    column: Column,
    parts: { text: string; size: number; bold: boolean; muted: boolean; maxLines: number }[],
  ) => {
    const [x, width] = d.columns[column];
    const inner = width - 2 * d.padding;
    const lines: TextLine[] = [];
    let y = d.padding;
    for (const p of parts) {
      for (const text of wrapLines(p.text, inner, p.size, p.bold, p.maxLines, measure)) {
        y += lh(p.size);
        // The baseline sits about a fifth of the line above its bottom.
        lines.push({
          text,
          size: p.size,
          bold: p.bold,
          muted: p.muted,
          baseline: Math.round(y - p.size * 0.3),
        });
      }
    }
    const laid: LaidBox = { kind, x, y: 0, width, height: Math.round(y + d.padding), lines };
    return laid;
  };

  let drawnIdeas = 0;
  let hiddenIdeas = 0;
  const ideaBox = (i: IdeaNode) =>
    box(i.tally.cycles === 0 ? 'untested' : 'idea', 'ideas', [
      {
        text: `${i.number} · ${i.text}`,
        size: d.font.idea,
        bold: false,
        muted: false,
        maxLines: d.maxLines.idea,
      },
      { text: tallyText(i.tally), size: d.font.evidence, bold: false, muted: true, maxLines: 2 },
    ]);
  const emptyBox = () =>
    box('empty', 'ideas', [
      { text: 'No change idea yet', size: d.font.evidence, bold: false, muted: true, maxLines: 1 },
    ]);

  /** A stack of blocks with `gap` between them. */
  const stack = (blocks: Block[], gap: number): Block => ({
    height: blocks.reduce((h, b) => h + b.height, 0) + gap * Math.max(0, blocks.length - 1),
    place(top) {
      let y = top;
      for (const b of blocks) {
        b.place(y);
        y += b.height + gap;
      }
    },
  });

  const leaf = (laid: LaidBox): Block => ({
    height: laid.height,
    place(top) {
      laid.y = top;
      boxes.push(laid);
    },
  });

  const ideasBlock = (ideas: readonly IdeaNode[]): { block: Block; boxes: LaidBox[] } => {
    const shown = ideas.slice(0, Math.max(0, d.maxIdeas - drawnIdeas));
    drawnIdeas += shown.length;
    hiddenIdeas += ideas.length - shown.length;
    const laid = shown.length ? shown.map(ideaBox) : [emptyBox()];
    return { block: stack(laid.map(leaf), d.gap.idea), boxes: laid };
  };

  /** A parent box centred on the block of its children, joined to each. */
  const parent = (
    laid: LaidBox,
    children: { block: Block; boxes: LaidBox[] },
  ): { block: Block; boxes: LaidBox[] } => {
    const height = Math.max(laid.height, children.block.height);
    return {
      boxes: [laid],
      block: {
        height,
        place(top) {
          laid.y = Math.round(top + (height - laid.height) / 2);
          boxes.push(laid);
          children.block.place(top + (height - children.block.height) / 2);
          for (const child of children.boxes) {
            connectors.push({
              x1: laid.x + laid.width,
              y1: laid.y + laid.height / 2,
              x2: child.x,
              y2: child.y + child.height / 2,
            });
          }
        },
      },
    };
  };

  const primaries = tree.primaries.map((p) => {
    const groups: { block: Block; boxes: LaidBox[] }[] = [];
    if (p.ideas.length || p.secondaries.length === 0) groups.push(ideasBlock(p.ideas));
    for (const s of p.secondaries) {
      const sec = box('secondary', 'secondary', [
        { text: s.name, size: d.font.driver, bold: false, muted: false, maxLines: d.maxLines.driver },
      ]);
      groups.push(parent(sec, ideasBlock(s.ideas)));
    }
    const prim = box('primary', 'primary', [
      { text: p.name, size: d.font.driver, bold: true, muted: false, maxLines: d.maxLines.driver },
    ]);
    return parent(prim, {
      block: stack(
        groups.map((g) => g.block),
        d.gap.group,
      ),
      boxes: groups.flatMap((g) => g.boxes),
    });
  });

  const aim = box('aim', 'aim', [
    {
      text: tree.aim || 'No aim set yet',
      size: d.font.aim,
      bold: false,
      muted: !tree.aim,
      maxLines: d.maxLines.aim,
    },
  ]);
  const theory = parent(aim, {
    block: stack(
      primaries.map((p) => p.block),
      d.gap.primary,
    ),
    boxes: primaries.flatMap((p) => p.boxes),
  });

  const texts: DiagramLayout['texts'] = [];
  let y = d.margin + d.font.title;
  texts.push({
    text: shortened(title, 90),
    size: d.font.title,
    bold: true,
    muted: false,
    baseline: y,
    x: d.margin,
  });
  y += lh(d.font.subtitle) + 4;
  texts.push({
    text: 'Beside each change idea: its cycles so far, at how many sites, and the decisions (adopt, adapt, abandon).',
    size: d.font.subtitle,
    bold: false,
    muted: true,
    baseline: y,
    x: d.margin,
  });
  y += lh(d.font.header) + 18;
  const headers: [Column, string][] = [
    ['aim', 'Aim'],
    ['primary', 'Primary drivers'],
    ['secondary', 'Secondary drivers'],
    ['ideas', 'Change ideas'],
  ];
  for (const [column, text] of headers)
    texts.push({ text, size: d.font.header, bold: true, muted: true, baseline: y, x: d.columns[column][0] });
  y += 18;

  theory.block.place(y);
  y += theory.block.height;

  if (tree.unplaced.length) {
    y += d.gap.primary;
    texts.push({
      text: 'Change ideas on no driver yet',
      size: d.font.header,
      bold: true,
      muted: true,
      baseline: y + d.font.header,
      x: d.columns.ideas[0],
    });
    y += lh(d.font.header) + 10;
    const loose = ideasBlock(tree.unplaced);
    loose.block.place(y);
    y += loose.block.height;
  }
  if (hiddenIdeas > 0) {
    y += d.gap.group + d.font.subtitle;
    texts.push({
      text: `…and ${hiddenIdeas} more change ideas, listed in the text with the picture.`,
      size: d.font.subtitle,
      bold: false,
      muted: true,
      baseline: y,
      x: d.columns.ideas[0],
    });
  }
  return { width: d.width, height: Math.ceil(y + d.margin), texts, boxes, connectors };
}
