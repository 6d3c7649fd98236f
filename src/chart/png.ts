import { crc32, deflateSync } from 'node:zlib';

// PNG encoding of resvg's pixels. resvg's own asPng compresses harder than a
// chart sent to a chat needs and took as long as drawing the picture; Node's
// zlib at its fastest level makes a file of about the same size in a third
// of the time. 'small' is for pictures kept in git (docs/): RGB (the chart is
// opaque), the PNG "Up" filter (its rows repeat) and zlib's best level.

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const RGB = 2;
const RGBA = 6;
const FILTER_NONE = 0;
const FILTER_UP = 2;

export type PngEffort = 'fast' | 'small';

export function encodePng(
  rgba: Uint8Array,
  width: number,
  height: number,
  effort: PngEffort = 'fast',
): Uint8Array {
  if (rgba.length !== width * height * 4) throw new RangeError('encodePng: pixels do not match the size');
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bits per channel
  header[9] = effort === 'fast' ? RGBA : RGB;
  const raw = effort === 'fast' ? rgbaRows(rgba, width, height) : rgbUpRows(rgba, width, height);
  const data = deflateSync(raw, { level: effort === 'fast' ? 1 : 9 });
  return Buffer.concat([
    SIGNATURE,
    chunk('IHDR', header),
    chunk('IDAT', data),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** Each row as it is behind a "None" filter byte: a copy per row, no work per pixel. */
function rgbaRows(rgba: Uint8Array, width: number, height: number): Buffer {
  const row = width * 4;
  const out = Buffer.alloc((row + 1) * height);
  const source = Buffer.from(rgba.buffer, rgba.byteOffset, rgba.byteLength);
  for (let y = 0; y < height; y++) {
    out[y * (row + 1)] = FILTER_NONE;
    source.copy(out, y * (row + 1) + 1, y * row, (y + 1) * row);
  }
  return out;
}

function rgbUpRows(rgba: Uint8Array, width: number, height: number): Buffer {
  const stride = width * 3 + 1;
  const out = Buffer.alloc(stride * height);
  const rgb = new Uint8Array(width * 3);
  const previous = new Uint8Array(width * 3);
  for (let y = 0; y < height; y++) {
    for (let i = 0, p = y * width * 4; i < rgb.length; i += 3, p += 4) {
      rgb[i] = rgba[p] ?? 0;
      rgb[i + 1] = rgba[p + 1] ?? 0;
      rgb[i + 2] = rgba[p + 2] ?? 0;
    }
    const start = y * stride;
    out[start] = FILTER_UP;
    for (let i = 0; i < rgb.length; i++) out[start + 1 + i] = ((rgb[i] ?? 0) - (previous[i] ?? 0)) & 0xff;
    previous.set(rgb);
  }
  return out;
}

function chunk(type: string, data: Uint8Array): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(data, crc32(head.subarray(4))), 0);
  return Buffer.concat([head, data, crc]);
}
