import { Resvg } from '@resvg/resvg-js';

// The app's two icons, drawn as SVG and rendered to PNG with resvg: a PDSA
// cycle of four arrows. Teams wants a 192×192 full-colour icon and a 32×32
// outline icon that is white on a transparent background.

export const PHASE_COLOURS = ['#F2C14E', '#F78154', '#4D9DE0', '#8BD17C'] as const; // plan, do, study, act
export const BACKGROUND = '#1F3A4D';

type CycleStyle = {
  size: number;
  radius: number;
  stroke: number;
  colours: readonly string[];
  background?: string;
};

/** Four arcs around the centre, clockwise from the top, each ending in an arrowhead. */
export function cycleSvg(style: CycleStyle): string {
  const { size, radius, stroke } = style;
  const c = size / 2;
  const point = (deg: number, r = radius) => {
    const rad = (deg * Math.PI) / 180;
    return [c + r * Math.cos(rad), c + r * Math.sin(rad)] as const;
  };
  const f = (n: number) => n.toFixed(2);
  const gap = 14;
  const head = stroke * 1.1;
  const parts: string[] = [];
  for (let i = 0; i < 4; i++) {
    const start = -90 + i * 90 + gap / 2;
    const end = start + 90 - gap - (head / radius) * (180 / Math.PI);
    const [x0, y0] = point(start);
    const [x1, y1] = point(end);
    const colour = style.colours[i % style.colours.length]!;
    parts.push(
      `<path d="M ${f(x0)} ${f(y0)} A ${radius} ${radius} 0 0 1 ${f(x1)} ${f(y1)}" fill="none" stroke="${colour}" stroke-width="${stroke}"/>`,
    );
    // The arrowhead: a triangle at the end of the arc, pointing along it (clockwise).
    const tipAngle = end + (head / radius) * (180 / Math.PI);
    const [tx, ty] = point(tipAngle);
    const [ox, oy] = point(end, radius + head);
    const [ix, iy] = point(end, radius - head);
    parts.push(`<path d="M ${f(ox)} ${f(oy)} L ${f(tx)} ${f(ty)} L ${f(ix)} ${f(iy)} Z" fill="${colour}"/>`);
  }
  const background = style.background
    ? `<rect width="${size}" height="${size}" rx="${size * 0.18}" fill="${style.background}"/>`
    : '';
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}" viewBox="0 0 ${size} ${size}">${background}${parts.join('')}</svg>`;
}

export type RenderedIcon = { png: Buffer; width: number; height: number; pixels: Buffer };

export function renderIcon(svg: string, size: number): RenderedIcon {
  const image = new Resvg(svg, { fitTo: { mode: 'width', value: size } }).render();
  return {
    png: Buffer.from(image.asPng()),
    width: image.width,
    height: image.height,
    pixels: Buffer.from(image.pixels),
  };
}

export function colorIcon(): RenderedIcon {
  return renderIcon(
    cycleSvg({ size: 192, radius: 52, stroke: 16, colours: PHASE_COLOURS, background: BACKGROUND }),
    192,
  );
}

export function outlineIcon(): RenderedIcon {
  return renderIcon(cycleSvg({ size: 32, radius: 10, stroke: 3, colours: ['#FFFFFF'] }), 32);
}
