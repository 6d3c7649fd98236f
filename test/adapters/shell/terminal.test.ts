import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BIN, runCli } from './support/run-cli.ts';

const dirs: string[] = [];
const freshDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'pdsa-shell-'));
  dirs.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('the terminal adapter, run as a newcomer runs it', () => {
  it('prints the commands for `/pdsa help` from a pipe and exits 0', async () => {
    const run = await runCli([], '/pdsa help\n', { PDSA_DATA_DIR: join(freshDir(), 'db') });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('pdsa-bot commands');
    expect(run.stdout).toContain('start');
    expect(run.stderr).toBe('');
  });

  it('answers a mistyped command with a suggestion, and a bad clock move with the accepted forms', async () => {
    const run = await runCli([], '/pdsa hlep\nclock yesterday\nclock +2h\n', { PDSA_DATA_DIR: 'memory' });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Did you mean `help`?');
    expect(run.stdout).toContain('clock +3d');
    expect(run.stdout).toMatch(/Clock: \w{3} \d+ \w{3} \d{4}/);
  });

  it('answers `/pdsa start` with what to type, and asks for an owner nobody named, instead of a form it cannot fill in', async () => {
    const run = await runCli(
      [],
      [
        'as Fran',
        '/pdsa network create "Literacy NIC" tz America/Chicago',
        '/pdsa site add Lincoln',
        '/pdsa member add Ana to Lincoln',
        '/pdsa measure add "On-time arrival" kind proportion better higher',
        '/pdsa idea add Greet every student at the door',
        '/pdsa start',
        '/pdsa start Lincoln',
        '/pdsa cycles all',
      ].join('\n'),
      { PDSA_DATA_DIR: 'memory' },
    );
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('To start a cycle, type the whole command');
    expect(run.stdout).toContain(
      '/pdsa start Lincoln idea 1 measure "On-time arrival" owner @Ana for 2 weeks',
    );
    expect(run.stdout).not.toContain('(optional) (optional)');
    expect(run.stdout).not.toContain('Start a PDSA cycle');
    expect(run.stdout).toContain('Who will own this cycle at Lincoln?');
    expect(run.stdout).toContain('No cycles yet');
  }, 60_000);

  it('refuses a bad configuration with one line per problem and no stack trace', async () => {
    const run = await runCli([], '', {
      PDSA_PROMPT_HOUR: '30',
      PDSA_TIME_ZONE: 'Mars/Base',
      SLACK_BOT_TOKEN: 'xoxb-1',
    });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('PDSA_PROMPT_HOUR:');
    expect(run.stderr).toContain('PDSA_TIME_ZONE:');
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it('refuses a second process on the same data directory with a clear message', async () => {
    const dataDir = join(freshDir(), 'db');
    const first = spawn(process.execPath, [BIN], {
      env: { ...process.env, PDSA_DATA_DIR: dataDir, NO_COLOR: '1' },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let firstOut = '';
    first.stdout.on('data', (d) => {
      firstOut += d;
    });
    first.stdin.write('/pdsa help\n');
    await new Promise<void>((resolve, reject) => {
      const timer = setInterval(() => {
        if (firstOut.includes('pdsa-bot commands')) {
          clearInterval(timer);
          resolve();
        }
      }, 50);
      first.on('close', () => reject(new Error(`first process ended early: ${firstOut}`)));
    });
    const second = await runCli([], '/pdsa help\n', { PDSA_DATA_DIR: dataDir });
    first.stdin.end();
    await new Promise((resolve) => first.on('close', resolve));
    expect(second.code).toBe(1);
    expect(second.stderr).toContain('is in use by another pdsa-bot process');
    expect(second.stderr).not.toMatch(/\n\s+at /);
  });

  it('says so plainly when the data directory is damaged', async () => {
    const dataDir = join(freshDir(), 'db');
    const { mkdirSync, writeFileSync } = await import('node:fs');
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(join(dataDir, 'PG_VERSION'), 'not a version\n');
    writeFileSync(join(dataDir, 'postgresql.conf'), '\0\0garbage');
    const run = await runCli([], '/pdsa help\n', { PDSA_DATA_DIR: dataDir });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('could not be opened as a database');
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });
});
