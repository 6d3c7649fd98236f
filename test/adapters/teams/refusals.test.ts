import { afterEach, describe, expect, it, vi } from 'vitest';
import { refusalLog } from '../../../adapters/teams/refusals.ts';
import type { Log } from '../../../src/platform/log.ts';

// A flood of forged requests must not fill the disk: each refusal is a line
// until the window's allowance is used, then the rest are counted in one.

function recorder() {
  const lines: { msg: string; fields: Record<string, unknown> }[] = [];
  const log: Log = {
    debug: () => {},
    info: () => {},
    warn: (fields, msg) => lines.push({ msg, fields }),
    error: () => {},
  };
  return { lines, log };
}

const refusal = { status: 401 as const, reason: 'no Authorization header' };

afterEach(() => vi.useRealTimers());

describe('refused requests in the log', () => {
  it('logs each refusal until the allowance of the window is used, then one line that counts the rest', () => {
    vi.useFakeTimers();
    const { lines, log } = recorder();
    let now = 0;
    const refused = refusalLog(log, { perWindow: 3, windowMs: 60_000, now: () => now });
    for (let i = 0; i < 1000; i++) refused(refusal, { remote: '203.0.113.9' });
    expect(lines).toHaveLength(3);
    expect(lines[0]).toEqual({
      msg: 'Teams: a request was refused',
      fields: { status: 401, reason: 'no Authorization header', remote: '203.0.113.9' },
    });
    now = 60_000;
    vi.advanceTimersByTime(60_000);
    expect(lines).toHaveLength(4);
    expect(lines[3]).toEqual({
      msg: 'Teams: more requests were refused than are logged one by one',
      fields: { refused: 997, windowSeconds: 60 },
    });
    refused(refusal);
    expect(lines).toHaveLength(5);
    expect(lines[4]?.msg).toBe('Teams: a request was refused');
  });

  it('counts the rest when the next window starts, if that comes first', () => {
    const { lines, log } = recorder();
    let now = 0;
    const refused = refusalLog(log, { perWindow: 1, windowMs: 1_000, now: () => now });
    refused(refusal);
    refused(refusal);
    refused(refusal);
    now = 1_000;
    refused(refusal);
    expect(lines.map((l) => l.fields.refused ?? l.fields.status)).toEqual([401, 2, 401]);
  });
});
