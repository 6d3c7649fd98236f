import { type AdvanceTable, readAdvanceTable, textWidth } from './font-metrics.ts';
import { bundledFonts, type Faces, latinFonts } from './fonts.ts';

// Close to Inter's and DejaVu Sans's average advance; used only when the
// bundled font cannot be read.
const FALLBACK_EM = 0.6;

type Tables = { regular: AdvanceTable | undefined; bold: AdvanceTable | undefined };

function read(faces: Faces): Tables {
  return {
    regular: faces.regular ? readAdvanceTable(faces.regular) : undefined,
    bold: faces.bold ? readAdvanceTable(faces.bold) : undefined,
  };
}

let tables: Tables | undefined;
let latinTables: Tables | undefined;

function loadTables(): Tables {
  tables ??= read(bundledFonts());
  return tables;
}

/** Width in SVG units of `text` in the bundled font, for laying out and cutting text before resvg draws it. */
export function measureText(text: string, fontSize: number, bold = false): number {
  const t = loadTables();
  const table = (bold ? t.bold : t.regular) ?? t.regular;
  return table ? textWidth(table, text, fontSize) : text.length * fontSize * FALLBACK_EM;
}

/**
 * Which of the bundled faces can draw every character of `text`: the Latin
 * subset, the whole of Inter, or neither (then resvg needs system fonts).
 * The subset keeps Inter's widths, so text is measured the same either way.
 */
export function facesFor(text: string): 'latin' | 'full' | 'none' {
  latinTables ??= read(latinFonts());
  if (covers(latinTables, text)) return 'latin';
  return covers(loadTables(), text) ? 'full' : 'none';
}

function covers(t: Tables, text: string): boolean {
  if (!t.regular || !t.bold) return false;
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    if (code < 0x20) continue;
    if (!t.regular.widths.has(code) || !t.bold.widths.has(code)) return false;
  }
  return true;
}

/** Greedy word wrap into at most `maxLines`; the last line is cut with an ellipsis if text is left over. */
export function wrapText(text: string, maxWidth: number, fontSize: number, bold: boolean, maxLines: number) {
  const words = text.trim().split(/\s+/);
  const lines: string[] = [];
  let line = '';
  for (const [i, word] of words.entries()) {
    const candidate = line ? `${line} ${word}` : word;
    if (!line || measureText(candidate, fontSize, bold) <= maxWidth) {
      line = candidate;
      continue;
    }
    if (lines.length === maxLines - 1) {
      line = `${line} ${words.slice(i).join(' ')}`;
      break;
    }
    lines.push(fitWidth(line, maxWidth, fontSize, bold));
    line = word;
  }
  lines.push(fitWidth(line, maxWidth, fontSize, bold));
  return lines;
}

/** Cuts with an ellipsis so that the text fits `maxWidth`. */
export function fitWidth(text: string, maxWidth: number, fontSize: number, bold: boolean): string {
  if (measureText(text, fontSize, bold) <= maxWidth) return text;
  const chars = [...text];
  while (chars.length > 0 && measureText(`${chars.join('').trimEnd()}…`, fontSize, bold) > maxWidth) {
    chars.pop();
  }
  return `${chars.join('').trimEnd()}…`;
}
