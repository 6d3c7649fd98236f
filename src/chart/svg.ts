import { FONT, INK, LINE_HEIGHT } from './theme.ts';

// The few SVG elements the chart is made of, written as text. resvg reads
// them; nothing here needs a DOM.

type Attrs = Record<string, string | number | undefined>;

export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** One decimal is finer than a pixel of the PNG and keeps the file small. */
export function n(value: number): string {
  return String(Math.round(value * 10) / 10);
}

function attributes(attrs: Attrs): string {
  return Object.entries(attrs)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => ` ${k}="${typeof v === 'number' ? n(v) : escapeXml(v as string)}"`)
    .join('');
}

export function element(name: string, attrs: Attrs, children?: string): string {
  return children === undefined
    ? `<${name}${attributes(attrs)}/>`
    : `<${name}${attributes(attrs)}>${children}</${name}>`;
}

export function group(attrs: Attrs, children: string[]): string {
  return element('g', attrs, children.join(''));
}

export type TextStyle = {
  size: number;
  bold?: boolean;
  colour?: string;
  anchor?: 'start' | 'middle' | 'end';
  className?: string;
};

/**
 * Lines of text whose first line's top is at `top`. The baseline sits at
 * 0.8 em below the top of each line: about where Inter's capitals and
 * ascenders end, without relying on dominant-baseline.
 */
export function textLines(lines: readonly string[], x: number, top: number, style: TextStyle): string {
  const lineHeight = style.size * LINE_HEIGHT;
  return lines
    .map((line, i) =>
      element(
        'text',
        {
          class: style.className,
          x,
          y: top + i * lineHeight + style.size * 0.8 + (lineHeight - style.size) / 2,
          'font-size': style.size,
          'font-weight': style.bold ? 'bold' : undefined,
          fill: style.colour ?? INK,
          'text-anchor': style.anchor && style.anchor !== 'start' ? style.anchor : undefined,
        },
        escapeXml(line),
      ),
    )
    .join('');
}

export function linesHeight(count: number, size: number = FONT.panelTitle): number {
  return count * size * LINE_HEIGHT;
}
