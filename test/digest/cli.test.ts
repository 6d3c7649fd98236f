import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createDemoNetwork } from '../../src/demo/create-demo.ts';
import { runDigestCli } from '../../src/digest/cli.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-db.ts';

// Where `pdsa-bot digest` writes its charts: the terminal's files folder
// unless --out names another.

let t: TestDatabase;
let work: string;
beforeAll(async () => {
  t = await createTestDatabase();
  work = await mkdtemp(join(tmpdir(), 'pdsa-digest-cli-'));
});
afterAll(async () => {
  await t.close();
  await rm(work, { recursive: true, force: true });
});
beforeEach(() => t.reset());

const NOW = new Date('2026-11-25T16:00:00Z');

async function digestInto(filesDir: string, ...args: string[]): Promise<string> {
  let text = '';
  const code = await runDigestCli(['--network', 'Demo NIC', ...args], {
    db: t.db,
    write: (s) => {
      text += s;
    },
    now: NOW,
    filesDir,
  });
  expect(code).toBe(0);
  return text;
}

describe('pdsa-bot digest', () => {
  it('writes its charts to the files folder it is given when there is no --out', async () => {
    await createDemoNetwork(t.db, { now: NOW, platform: 'shell' });
    const files = join(work, 'files');
    const text = await digestInto(files);
    const written = await readdir(files);
    expect(written.filter((name) => name.endsWith('.png'))).toHaveLength(1);
    expect(text).toContain(`Chart written to ${join(files, written[0]!)}`);
  });

  it('writes them to --out when it is given', async () => {
    await createDemoNetwork(t.db, { now: NOW, platform: 'shell' });
    const files = join(work, 'unused');
    const out = join(work, 'out');
    await digestInto(files, '--out', out);
    expect((await readdir(out)).some((name) => name.endsWith('.png'))).toBe(true);
    await expect(readdir(files)).rejects.toThrow(/ENOENT/);
  });
});
