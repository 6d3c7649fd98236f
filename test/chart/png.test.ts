import { describe, expect, it } from 'vitest';
import { encodePng } from '../../src/chart/png.ts';
import { decodePng } from './png-decode.ts';

function picture(width: number, height: number): Uint8Array {
  const rgba = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const p = (y * width + x) * 4;
      rgba[p] = (x * 37 + y) & 0xff;
      rgba[p + 1] = (y * 11) & 0xff;
      rgba[p + 2] = x === y ? 0 : 255;
      rgba[p + 3] = 255;
    }
  }
  return rgba;
}

describe('encodePng', () => {
  it('writes a PNG that decodes to the same pixels, fast (RGBA) or small (RGB)', () => {
    const rgba = picture(37, 23);
    const fast = decodePng(encodePng(rgba, 37, 23));
    expect(fast).toMatchObject({ width: 37, height: 23, channels: 4 });
    expect(Buffer.from(fast.pixels).equals(Buffer.from(rgba))).toBe(true);

    const small = decodePng(encodePng(rgba, 37, 23, 'small'));
    expect(small).toMatchObject({ width: 37, height: 23, channels: 3 });
    const rgb = rgba.filter((_, i) => i % 4 !== 3);
    expect(Buffer.from(small.pixels).equals(Buffer.from(rgb))).toBe(true);
  });

  it('refuses pixels that do not match the size', () => {
    expect(() => encodePng(new Uint8Array(10), 2, 2)).toThrow(RangeError);
  });
});
