import * as vega from 'vega';
import { type AdvanceTable, readAdvanceTable, textWidth } from './font-metrics.ts';
import { bundledFonts } from './fonts.ts';

// Close to Inter's and DejaVu Sans's average advance; used only when the
// bundled font cannot be read.
const FALLBACK_EM = 0.6;

let tables: { regular: AdvanceTable | undefined; bold: AdvanceTable | undefined } | undefined;

function loadTables() {
  if (!tables) {
    const { regular, bold } = bundledFonts();
    tables = {
      regular: regular ? readAdvanceTable(regular) : undefined,
      bold: bold ? readAdvanceTable(bold) : undefined,
    };
  }
  return tables;
}

export function measureText(text: string, fontSize: number, bold = false): number {
  const t = loadTables();
  const table = (bold ? t.bold : t.regular) ?? t.regular;
  return table ? textWidth(table, text, fontSize) : text.length * fontSize * FALLBACK_EM;
}

/** Greedy word wrap into at most `maxLines`; the caller truncates what is left over. */
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

/**
 * Cuts with an ellipsis here rather than leaving it to Vega's `limit`: Vega
 * sizes the layout from the untruncated text, which widens the whole column.
 */
export function fitWidth(text: string, maxWidth: number, fontSize: number, bold: boolean): string {
  if (measureText(text, fontSize, bold) <= maxWidth) return text;
  const chars = [...text];
  while (chars.length > 0 && measureText(`${chars.join('').trimEnd()}…`, fontSize, bold) > maxWidth) {
    chars.pop();
  }
  return `${chars.join('').trimEnd()}…`;
}

type TextItem = { fontSize?: number; fontWeight?: string | number };
type TextMetrics = { width: (item: TextItem, text: unknown) => number };

let installed = false;

/**
 * Vega without a canvas guesses 0.8 em per character, which truncates titles
 * and legend labels far too early. vega-scenegraph lets a caller swap in its
 * own width function (vl-convert does the same). This is process-wide, which
 * suits this process: the chart is its only Vega user.
 */
export function useFontMetricsInVega(): void {
  if (installed) return;
  installed = true;
  const metrics = (vega as unknown as { textMetrics: TextMetrics }).textMetrics;
  metrics.width = (item, text) => {
    const value = text == null ? '' : String(text).trim();
    const weight = item.fontWeight;
    const bold = weight === 'bold' || (typeof weight === 'number' && weight >= 600);
    return measureText(value, item.fontSize ?? 11, bold);
  };
}
