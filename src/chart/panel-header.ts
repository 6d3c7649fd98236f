import { wrapText } from './text-measure.ts';
import { FONT, INK } from './theme.ts';
import type { SiteSeries } from './types.ts';
import type { Layer } from './vl-types.ts';

const NAME_LINE = Math.round(FONT.panelTitle * 1.2);
const FLAG_LINE = Math.round(FONT.panelFlag * 1.2);
const GAP_ABOVE_PLOT = 10;

/**
 * Site name and flag as text marks above each plot rather than Vega titles:
 * Vega places a title from its view's bounds, which shift with axis labels and
 * symbols, so titles in one row drifted apart. Marks sit at fixed offsets from
 * the plot, and every panel in a row gets the same header height, so names
 * and flags line up across the row.
 */
export function panelHeaders(sites: SiteSeries[], columns: number, width: number): Layer[][] {
  const names = sites.map((s) => wrapText(s.site, width, FONT.panelTitle, true, 2));
  return sites.map((site, i) => {
    const rowStart = i - (i % columns);
    const rowLines = Math.max(...names.slice(rowStart, rowStart + columns).map((n) => n.length));
    const rowFlagged = sites.slice(rowStart, rowStart + columns).some((s) => s.flag);
    const flagTop = -(GAP_ABOVE_PLOT + FLAG_LINE);
    const nameTop = (rowFlagged ? flagTop : -GAP_ABOVE_PLOT) - rowLines * NAME_LINE;
    const layers: Layer[] = [
      textLayer(names[i] ?? [site.site], nameTop, FONT.panelTitle, NAME_LINE, 'panel-name'),
    ];
    const flag = flagText(site.flag);
    if (flag) layers.push(textLayer([flag], flagTop, FONT.panelFlag, FLAG_LINE, 'panel-flag'));
    return layers;
  });
}

function textLayer(lines: string[], top: number, fontSize: number, lineHeight: number, name: string): Layer {
  return {
    name,
    data: { values: [{}] },
    mark: {
      type: 'text',
      text: lines,
      x: 0,
      y: top,
      align: 'left',
      baseline: 'top',
      fontSize,
      fontWeight: 'bold',
      lineHeight,
      color: INK,
    },
  };
}

export function flagText(flag: SiteSeries['flag']): string | undefined {
  if (flag === 'above') return '↑ above expected';
  if (flag === 'below') return '↓ below expected';
  return undefined;
}
