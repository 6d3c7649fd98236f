import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  FILE_HOURS,
  PICTURE_DAYS,
  publishFile,
  publishPicture,
  readPublished,
  safeFileName,
} from '../../src/files/published-files.ts';
import { applyRetention } from '../../src/maintenance/retention.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-db.ts';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.close());
beforeEach(() => t.reset());

const now = new Date('2026-11-23T08:00:00Z');
const hours = (n: number) => new Date(now.getTime() + n * 3_600_000);
const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);

describe('published pictures', () => {
  it('are served byte for byte under a token that is the hash of the picture', async () => {
    const first = await publishPicture(t.db, { bytes: png, fileName: 'Run chart: Lincoln.png' }, now);
    expect(first.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(first.fileName).toBe('Run-chart-Lincoln.png');
    const read = await readPublished(t.db, first.token, hours(1));
    expect(read?.contentType).toBe('image/png');
    expect(Buffer.from(read!.bytes).equals(Buffer.from(png))).toBe(true);
  });

  it('sent twice are stored once, kept as long as the later sending needs', async () => {
    const first = await publishPicture(t.db, { bytes: png, fileName: 'a.png' }, now);
    const again = await publishPicture(t.db, { bytes: png, fileName: 'a.png' }, hours(24 * 7));
    expect(again.token).toBe(first.token);
    expect(await t.db.selectFrom('published_files').select('token').execute()).toHaveLength(1);
    expect(await readPublished(t.db, first.token, hours(24 * (PICTURE_DAYS + 3)))).toBeDefined();
  });
});

describe('published files', () => {
  it('get a fresh random token each time and stop being served after their hours', async () => {
    const file = {
      bytes: new TextEncoder().encode('a,b\n1,2\n'),
      contentType: 'text/csv',
      fileName: 'x.csv',
    };
    const one = await publishFile(t.db, file, now);
    const two = await publishFile(t.db, file, now);
    expect(one.token).not.toBe(two.token);
    expect(one.token.length).toBeGreaterThanOrEqual(32);
    expect(await readPublished(t.db, one.token, hours(FILE_HOURS - 1))).toBeDefined();
    expect(await readPublished(t.db, one.token, hours(FILE_HOURS))).toBeUndefined();
  });

  it('are deleted by the housekeeping once expired, and only then', async () => {
    await publishFile(t.db, { bytes: Uint8Array.of(1), contentType: 'text/csv', fileName: 'x.csv' }, now);
    await publishPicture(t.db, { bytes: png, fileName: 'c.png' }, now);
    expect((await applyRetention(t.db, hours(FILE_HOURS - 1), 0)).filesDeleted).toBe(0);
    expect((await applyRetention(t.db, hours(FILE_HOURS), 0)).filesDeleted).toBe(1);
    expect((await applyRetention(t.db, hours(24 * PICTURE_DAYS), 0)).filesDeleted).toBe(1);
    expect(await t.db.selectFrom('published_files').select('token').execute()).toEqual([]);
  });

  it('cannot be read with a token that is not one', async () => {
    for (const token of ['', 'short', '../../etc/passwd', 'x'.repeat(65), "abc'; drop table x;--aaaaaaaa"]) {
      expect(await readPublished(t.db, token, now)).toBeUndefined();
    }
  });
});

describe('file names', () => {
  it('keep letters, digits, dots, dashes and underscores only', () => {
    expect(safeFileName('pdsa export (Lincoln) 2026-11.csv', 'export.csv')).toBe(
      'pdsa-export-Lincoln-2026-11.csv',
    );
    expect(safeFileName('Écoles/..', 'export.csv')).toBe('Ecoles');
    expect(safeFileName('???', 'export.csv')).toBe('export.csv');
  });
});
