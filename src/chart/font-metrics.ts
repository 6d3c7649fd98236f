import { readFileSync } from 'node:fs';

/** Advance width of each BMP code point, in em. */
export type AdvanceTable = { widths: Map<number, number>; fallback: number };

/**
 * Reads advance widths from a TrueType file's cmap (format 4) and hmtx tables:
 * the chart wraps and cuts names, places dates and lays out its legend before
 * resvg draws the text, so it needs the widths resvg will use. It also tells
 * which characters the bundled font has. Returns undefined for anything it
 * cannot read, so callers fall back.
 */
export function readAdvanceTable(path: string): AdvanceTable | undefined {
  try {
    return parse(new DataView(readFileSync(path).buffer.slice(0)));
  } catch {
    return undefined;
  }
}

function parse(view: DataView): AdvanceTable | undefined {
  const tables = new Map<string, number>();
  const numTables = view.getUint16(4);
  for (let i = 0; i < numTables; i++) {
    const rec = 12 + i * 16;
    const tag = String.fromCharCode(
      view.getUint8(rec),
      view.getUint8(rec + 1),
      view.getUint8(rec + 2),
      view.getUint8(rec + 3),
    );
    tables.set(tag, view.getUint32(rec + 8));
  }
  const head = tables.get('head');
  const hhea = tables.get('hhea');
  const hmtx = tables.get('hmtx');
  const cmap = tables.get('cmap');
  if (head === undefined || hhea === undefined || hmtx === undefined || cmap === undefined) return undefined;

  const unitsPerEm = view.getUint16(head + 18);
  const numHMetrics = view.getUint16(hhea + 34);
  const advance = (glyph: number) => view.getUint16(hmtx + 4 * Math.min(glyph, numHMetrics - 1)) / unitsPerEm;

  const sub = unicodeFormat4(view, cmap);
  if (sub === undefined) return undefined;
  const widths = new Map<number, number>();
  const segCount = view.getUint16(sub + 6) / 2;
  const ends = sub + 14;
  const starts = ends + 2 * segCount + 2;
  const deltas = starts + 2 * segCount;
  const rangeOffsets = deltas + 2 * segCount;
  for (let s = 0; s < segCount; s++) {
    const end = view.getUint16(ends + 2 * s);
    const start = view.getUint16(starts + 2 * s);
    const delta = view.getUint16(deltas + 2 * s);
    const rangeOffsetAt = rangeOffsets + 2 * s;
    const rangeOffset = view.getUint16(rangeOffsetAt);
    for (let c = start; c <= end && c !== 0xffff; c++) {
      let glyph: number;
      if (rangeOffset === 0) {
        glyph = (c + delta) & 0xffff;
      } else {
        const raw = view.getUint16(rangeOffsetAt + rangeOffset + 2 * (c - start));
        glyph = raw === 0 ? 0 : (raw + delta) & 0xffff;
      }
      if (glyph !== 0) widths.set(c, advance(glyph));
    }
  }
  return { widths, fallback: widths.get(0x78) ?? 0.55 };
}

/** Offset of the Windows Unicode BMP (3,1) or Unicode (0,x) format 4 subtable. */
function unicodeFormat4(view: DataView, cmap: number): number | undefined {
  const count = view.getUint16(cmap + 2);
  for (let i = 0; i < count; i++) {
    const rec = cmap + 4 + i * 8;
    const platform = view.getUint16(rec);
    const encoding = view.getUint16(rec + 2);
    const offset = cmap + view.getUint32(rec + 4);
    if ((platform === 3 && encoding === 1) || platform === 0) {
      if (view.getUint16(offset) === 4) return offset;
    }
  }
  return undefined;
}

export function textWidth(table: AdvanceTable, text: string, fontSize: number): number {
  let em = 0;
  for (const ch of text) em += table.widths.get(ch.codePointAt(0) ?? 0) ?? table.fallback;
  return em * fontSize;
}
