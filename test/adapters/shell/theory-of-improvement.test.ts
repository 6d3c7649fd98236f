import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from './support/run-cli.ts';

// The driver diagram, learnings by condition and the monthly learning
// section in the terminal, on the sample network, and a facilitator adding
// conditions and drivers: the picture and the exports are written as files.

const work = mkdtempSync(join(tmpdir(), 'pdsa-theory-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const script = readFileSync(new URL('./scripts/theory-of-improvement.txt', import.meta.url), 'utf8');

describe('the theory of improvement in the terminal', () => {
  let out = '';
  it('runs the script to the end and exits 0', async () => {
    const run = await runCli([], script, {
      PDSA_DATA_DIR: join(work, 'db'),
      PDSA_TIME_ZONE: 'America/Chicago',
      PDSA_CLOCK_START: '2026-11-30T07:00:00-06:00',
    });
    out = run.stdout;
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
  }, 120_000);

  it('shows the driver diagram as text and writes its picture', () => {
    expect(out).toContain('== Demo NIC: driver diagram ==');
    const saved = /\[chart: Driver diagram of Demo NIC[^\]]*\] saved to (\S+\.png)/.exec(out);
    expect(saved).not.toBeNull();
    expect(existsSync(saved![1]!)).toBe(true);
    expect(out).toContain(
      'Students feel expected at school › Adults know and greet each student (secondary driver)',
    );
  });

  it('groups the evidence on an idea by level and locale, and shows a site with its conditions', () => {
    expect(out).toContain('== What Demo NIC has learned about idea 1 ==');
    expect(out).toMatch(/By level\n• elementary \(\d sites?: /);
    expect(out).toMatch(/By locale\n• urban \(\d sites?: /);
    expect(out).toContain('• level: middle (from the start)');
    expect(out).toContain("== Demo NIC: what we're learning ==");
  });

  it("sets a facilitator's own condition and refuses an unknown value with the known ones", () => {
    expect(out).toContain('• size band is small, for all its cycles so far and from now on.');
    expect(out).toContain('size band has no value "huge". Its values are: small, large.');
    expect(out).toContain(
      'Added the secondary driver Bus routes run on time under Families know and can help.',
    );
    expect(out).toContain('Added change idea 4: Walking school bus (driver: Bus routes run on time).');
    expect(out).toMatch(
      /\[file: Site conditions over time\] saved to \S+pdsa-site-conditions-2026-11-30\.csv/,
    );
    expect(out).toMatch(/\[file: Driver diagram\] saved to \S+pdsa-driver-diagram-2026-11-30\.csv/);
  });
});
