import { userInfo } from 'node:os';
import { describe, expect, it } from 'vitest';
import { runCli } from './support/run-cli.ts';

// Who is speaking in the terminal, and what time it is there: the people a
// facilitator names are the people one can speak as, whatever the spelling
// of the mention; the default speaker has a name; the sample network's
// people can be spoken as; the clock reads in the network's time.

const env = {
  PDSA_DATA_DIR: 'memory',
  // Monday 30 November 2026, 13:00 UTC: 07:00 in Chicago.
  PDSA_CLOCK_START: '2026-11-30T13:00:00Z',
};

const setUp = ['as Fran', '/pdsa network create "Literacy NIC" tz America/Chicago', '/pdsa site add Lincoln'];

describe('people in the terminal', () => {
  it('takes "@Ana Lopez" and "Ana Lopez" (and "@Zoë 🦄") as one person each', async () => {
    const run = await runCli(
      [],
      [
        ...setUp,
        '/pdsa member add @Ana Lopez to Lincoln',
        '/pdsa member add @Zoë 🦄 to Lincoln',
        '/pdsa members Lincoln',
        'as Ana Lopez',
        '/pdsa status',
        'as @Zoë 🦄',
        '/pdsa status',
        'as Fran',
        '/pdsa member role @ana lopez facilitator',
        '/pdsa members',
      ].join('\n'),
      env,
    );
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Added Ana Lopez to Literacy NIC');
    expect(run.stdout).toContain('Added Zoë 🦄 to Literacy NIC');
    expect(run.stdout).not.toMatch(/@Ana Lopez|@Zoë/);
    expect(run.stdout).not.toContain("You're not in an improvement network yet");
    expect(run.stdout.match(/== Literacy NIC: status ==/g)).toHaveLength(2);
    expect(run.stdout).toContain('Ana Lopez is now a facilitator of Literacy NIC');
    expect(run.stdout).toContain('3 people.');
  }, 60_000);

  it('names the default speaker after the login (or "Facilitator"), never "me"', async () => {
    const run = await runCli(
      [],
      [
        '/pdsa network create "Literacy NIC" tz America/Chicago',
        '/pdsa site add Lincoln',
        '/pdsa member add Ana to Lincoln',
      ].join('\n'),
      env,
    );
    const login = userInfo().username;
    const expected = login && login !== 'root' ? login : 'Facilitator';
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`${expected} added you to Literacy NIC`);
    expect(run.stdout).not.toMatch(/\bme added you\b/);
  }, 60_000);

  it("lets one speak as the sample network's people, and names the commands that work from a clone", async () => {
    const run = await runCli([], ['/pdsa demo', 'as Nate Olsen', '/pdsa status'].join('\n'), env);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('I created the sample network Demo NIC');
    expect(run.stdout).toMatch(/== Demo NIC: status ==\n\*?\*?Your check-ins/);
    expect(run.stdout).not.toContain("You're not in an improvement network yet");

    const demo = await runCli(['demo'], '', env);
    expect(demo.code).toBe(0);
    expect(demo.stdout).toContain('npm start -- digest --network "Demo NIC"');
    expect(demo.stdout).not.toContain('pdsa-bot digest');
  }, 60_000);
});

describe('the clock in the terminal', () => {
  it("shows and reads times in the speaker's network's time zone", async () => {
    const run = await runCli(
      [],
      ['clock', ...setUp, 'clock', 'clock 2026-12-01T08:00', 'clock +1d'].join('\n'),
      env,
    );
    expect(run.code).toBe(0);
    const clocks = run.stdout.match(/^Clock: .*$/gm);
    expect(clocks).toEqual([
      'Clock: Mon 30 Nov 2026, 13:00 UTC',
      'Clock: Mon 30 Nov 2026, 07:00 CST',
      'Clock: Tue 1 Dec 2026, 08:00 CST',
      'Clock: Wed 2 Dec 2026, 08:00 CST',
    ]);
  }, 60_000);
});
