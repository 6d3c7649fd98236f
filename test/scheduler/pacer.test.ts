import { describe, expect, it } from 'vitest';
import { retryDelayMs } from '../../src/scheduler/backoff.ts';
import { createPacer } from '../../src/scheduler/pacer.ts';

const dm = (channel: string, workspace = 'T1') => ({ platform: 'slack' as const, workspace, channel });

function timed(config: Parameters<typeof createPacer>[0]) {
  let now = 0;
  const pacer = createPacer(config, () => now);
  return {
    pacer,
    advance(ms: number) {
      now += ms;
    },
  };
}

describe('the pacer', () => {
  it('allows one message a second per conversation after the burst', () => {
    const { pacer, advance } = timed({
      slack: { conversation: { perSecond: 1, burst: 1 }, workspace: null },
    });
    expect(pacer.waitMs('slack', dm('D1'))).toBe(0);
    pacer.take('slack', dm('D1'));
    expect(pacer.waitMs('slack', dm('D1'))).toBe(1000);
    expect(pacer.waitMs('slack', dm('D2'))).toBe(0); // another conversation is not held up
    advance(400);
    expect(pacer.waitMs('slack', dm('D1'))).toBe(600);
    advance(600);
    expect(pacer.waitMs('slack', dm('D1'))).toBe(0);
  });

  it('caps a workspace across its conversations, allowing the burst first', () => {
    const { pacer, advance } = timed({
      slack: { conversation: null, workspace: { perSecond: 10, burst: 3 } },
    });
    for (let i = 0; i < 3; i++) {
      expect(pacer.waitMs('slack', dm(`D${i}`))).toBe(0);
      pacer.take('slack', dm(`D${i}`));
    }
    expect(pacer.waitMs('slack', dm('D9'))).toBe(100);
    expect(pacer.waitMs('slack', dm('D9', 'T2'))).toBe(0); // another workspace has its own
    advance(100);
    expect(pacer.waitMs('slack', dm('D9'))).toBe(0);
  });

  it('holds a conversation for Retry-After and slows its workspace', () => {
    const { pacer, advance } = timed({
      slack: { conversation: { perSecond: 1, burst: 1 }, workspace: { perSecond: 10, burst: 10 } },
    });
    pacer.penalize('slack', dm('D1'), 5000);
    expect(pacer.waitMs('slack', dm('D1'))).toBe(5000);
    expect(pacer.waitMs('slack', dm('D2'))).toBe(100);
    advance(5000);
    expect(pacer.waitMs('slack', dm('D1'))).toBe(0);
  });

  it('shares a workspace limit among the processes sending to it', () => {
    const { pacer, advance } = timed({
      slack: { conversation: null, workspace: { perSecond: 10, burst: 2 } },
    });
    pacer.setShare('slack', 0.5);
    pacer.take('slack', dm('D1'));
    expect(pacer.waitMs('slack', dm('D2'))).toBe(200); // 5 a second, burst 1
    advance(200);
    pacer.setShare('slack', 1);
    pacer.take('slack', dm('D2'));
    expect(pacer.waitMs('slack', dm('D3'))).toBe(100);
  });

  it('leaves the terminal unpaced and treats the same address in any key order as one conversation', () => {
    const pacer = createPacer();
    expect(pacer.isPaced('shell')).toBe(false);
    for (let i = 0; i < 100; i++) pacer.take('shell', { platform: 'shell', user: 'ana' });
    expect(pacer.waitMs('shell', { platform: 'shell', user: 'ana' })).toBe(0);
    expect(pacer.conversationOf('slack', { platform: 'slack', a: 1, b: 2 })).toBe(
      pacer.conversationOf('slack', { b: 2, platform: 'slack', a: 1 }),
    );
  });

  it('paces only the platforms whose adapters brought a rule', () => {
    const pacer = createPacer({ teams: { conversation: { perSecond: 0.5, burst: 4 } } });
    expect(pacer.isPaced('teams')).toBe(true);
    expect(pacer.isPaced('slack')).toBe(false);
    for (let i = 0; i < 10; i++) pacer.take('slack', dm('D1'));
    expect(pacer.waitMs('slack', dm('D1'))).toBe(0);
  });

  it('rejects a rate that could never send', () => {
    expect(() => createPacer({ teams: { conversation: { perSecond: 0, burst: 1 } } })).toThrow(RangeError);
  });
});

describe('retry backoff', () => {
  it('doubles from 5 seconds up to 15 minutes, with full jitter', () => {
    const top = (attempt: number) => retryDelayMs(attempt, undefined, () => 0.999_999_9);
    expect([1, 2, 3, 4].map(top)).toEqual([4999, 9999, 19999, 39999]);
    expect(top(20)).toBe(899_999);
    expect(top(10_000)).toBe(899_999);
    expect(retryDelayMs(3, undefined, () => 0)).toBe(0);
    expect(retryDelayMs(3, { baseMs: 1000, capMs: 60_000 }, () => 0.5)).toBe(2000);
  });
});
