import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from './support/run-cli.ts';

const work = mkdtempSync(join(tmpdir(), 'pdsa-session-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const script = readFileSync(new URL('./scripts/whole-cycle.txt', import.meta.url), 'utf8');
const env = {
  PDSA_DATA_DIR: join(work, 'db'),
  PDSA_TIME_ZONE: 'America/Chicago',
  // Monday 30 November 2026, 07:00 in Chicago: before the day's prompts.
  PDSA_CLOCK_START: '2026-11-30T07:00:00-06:00',
};

describe('a whole PDSA cycle in the terminal', () => {
  let out = '';
  it('runs the script to the end and exits 0', async () => {
    const run = await runCli([], script, env);
    out = run.stdout;
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
  }, 120_000);

  it('sets up a network with two sites, a measure, a change idea and members, welcoming each member', () => {
    expect(out).toContain('Literacy NIC is set up');
    expect(out).toContain('Added the site Washington');
    expect(out).toContain('Added the measure On-time arrival');
    expect(out).toContain('Added change idea 1');
    expect(out).toMatch(/── message \d+ to Ana \(direct message\) ──\n== Welcome to Literacy NIC ==/);
  });

  it("sends Ana's Plan prompt at 08:00 her time, not before", () => {
    const started = out.indexOf('Cycle #1 started');
    const prompt = out.indexOf('== Plan check-in · cycle #1 ==');
    const twoHoursOn = out.indexOf('Clock: Mon 30 Nov 2026, 09:00');
    expect(out).toContain(
      'Ana will be asked to plan it and to predict the result on Mon 30 Nov at 08:00 (America/Chicago)',
    );
    expect(started).toBeGreaterThan(0);
    expect(prompt).toBeGreaterThan(twoHoursOn);
  });

  it('takes the prediction as a plain reply and shows it back against the result', () => {
    expect(out).toContain('Got it: ~18/24 (75%).');
    expect(out).toContain(
      'You predicted ~18/24 (75%); the result is 20/24 (83.3%), 8.3 percentage points higher than predicted.',
    );
  });

  it('asks every participant how it went at the midpoint, then the owner for the result at the end', () => {
    expect(out).toMatch(/── message \d+ to Ben \(direct message\) ──\n== Do check-in · cycle #1 ==/);
    expect(out).toContain("I'll ask you for the result on Mon 14 Dec.");
    expect(out).toMatch(
      /Clock: Mon 14 Dec 2026, 09:00 CST\n── message \d+ to Ana \(direct message\) ──\n== Study check-in · cycle #1 ==/,
    );
  });

  it('closes the cycle on "adapt" and starts the next cycle of the ramp', () => {
    expect(out).toContain('Cycle #1 is complete: you decided to adapt.');
    expect(out).toContain('Cycle #2 started (next in the ramp after #1)');
  });

  it('shows what was learned and exports it', () => {
    expect(out).toContain('Idea 1: Greet every student at the door by name (1 adapt)');
    expect(out).toContain('Learned: “Names matter more than the greeting itself”');
    const saved = /\[file: Cycles\] saved to (\S+)/.exec(out)?.[1];
    expect(saved).toBeDefined();
    // With the data (PDSA_DATA_DIR=<work>/db), not in the project's ./.data/files.
    expect(saved!.startsWith(join(work, 'files'))).toBe(true);
  });

  it('keeps the data for the next run', async () => {
    const again = await runCli([], 'as Fran\n/pdsa cycles all\n', env);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('#1 Lincoln · Greet every student at the door by name · Ana');
    expect(again.stdout).toContain('#2 Lincoln');
  }, 60_000);
});
