import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from './support/run-cli.ts';

const work = mkdtempSync(join(tmpdir(), 'pdsa-demo-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const env = { PDSA_DATA_DIR: join(work, 'db') };

describe('pdsa-bot demo, then pdsa-bot digest', () => {
  it('creates a sample network whose digest names a site beyond chance and writes the chart beside the data', async () => {
    const demo = await runCli(['demo'], '', env);
    expect(demo.code).toBe(0);
    const command = /npm start -- digest --network "([^"]+)" --week (\d{4}-W\d{2})/.exec(demo.stdout);
    expect(command).not.toBeNull();
    const [, network, week] = command!;

    const digest = await runCli(['digest', '--network', network!, '--week', week!], '', env);
    expect(digest.code).toBe(0);
    // In plain words in the first message; with its limits in the details.
    expect(digest.stdout).toMatch(
      /• \w[\w ]+ (rose to|fell to|was at) \d+% this week, well (above|below) what its size would explain/,
    );
    expect(digest.stdout).toMatch(
      /Different beyond chance:\n• \w[^:]+: \d+ of \d+ \(\d+%\), (above|below) the expected range for its size/,
    );
    const png = /saved to (\S+\.png)/.exec(digest.stdout)?.[1];
    // Where the terminal keeps its files: files/ beside PDSA_DATA_DIR, not the working directory's .data.
    expect(dirname(png!)).toBe(join(work, 'files'));
    expect(existsSync(png!)).toBe(true);
    expect(readFileSync(png!).subarray(1, 4).toString()).toBe('PNG');
  }, 120_000);

  it('says what is wrong when the network does not exist', async () => {
    const run = await runCli(['digest', '--network', 'Nowhere NIC'], '', env);
    expect(run.code).not.toBe(0);
    expect(run.stdout + run.stderr).toContain('Nowhere NIC');
    expect(run.stderr).not.toMatch(/\n\s+at /);
  }, 60_000);
});
