import type { Address } from '../core/address.ts';
import type { Platform } from '../core/domain.ts';
import type { PlatformPacing, Rate } from '../platform/pacing.ts';

// Token buckets that keep sends inside each platform's published limits, so
// a burst of prompts at 08:00 is spread out by us instead of bouncing off the
// platform as 429s. Two buckets per send: one for the conversation and one
// for the workspace (or tenant) it belongs to; a send may start only when
// both have a token. Time is a monotonic millisecond clock, not the bot's
// (possibly simulated) clock: rate limits happen in real time.

/** Per platform: a pacing rule, or null for none. A platform not named is not paced. */
export type PacingConfig = Readonly<Record<Platform, PlatformPacing | null>>;

export type Pacer = {
  /** Sends with the same key go one at a time, in order. */
  conversationOf(platform: Platform, address: Address): string;
  /** Milliseconds until a send to `address` may start; 0 when it may start now. */
  waitMs(platform: Platform, address: Address): number;
  /** Spends the tokens of one send (call when it starts). */
  take(platform: Platform, address: Address): void;
  /** The platform said "too many": hold the conversation for `ms` and empty the workspace bucket. */
  penalize(platform: Platform, address: Address, ms: number): void;
  /**
   * This process's part of each workspace limit, when other processes send
   * to the same platform at the same time (1 = alone, 0.5 = one of two).
   */
  setShare(platform: Platform, share: number): void;
  /** Whether the platform is paced at all. */
  isPaced(platform: Platform): boolean;
};

type Bucket = { tokens: number; at: number };

const MAX_BUCKETS = 10_000;

export function createPacer(config: PacingConfig = {}, now: () => number = () => performance.now()): Pacer {
  const rules = new Map<Platform, PlatformPacing | null>();
  for (const [platform, rule] of Object.entries(config)) rules.set(platform, rule);
  for (const [platform, rule] of rules) {
    for (const rate of [rule?.conversation, rule?.workspace]) {
      if (rate && !(rate.perSecond > 0 && rate.burst >= 1)) {
        throw new RangeError(`pacing for ${platform}: a rate needs perSecond > 0 and burst >= 1`);
      }
    }
  }
  const shares = new Map<Platform, number>();
  const conversations = new Map<string, Bucket>();
  const workspaces = new Map<string, Bucket>();
  let takes = 0;

  const conversationKeyOf = (platform: Platform, address: Address) =>
    `${platform}\u0000${(rules.get(platform)?.conversationKey ?? stableKey)(address)}`;
  const workspaceKeyOf = (platform: Platform, address: Address) =>
    `${platform}\u0000${(rules.get(platform)?.workspaceKey ?? defaultWorkspaceKey)(address)}`;

  const workspaceRate = (platform: Platform): Rate | null => {
    const rate = rules.get(platform)?.workspace;
    if (!rate) return null;
    const share = shares.get(platform) ?? 1;
    return { perSecond: rate.perSecond * share, burst: Math.max(1, rate.burst * share) };
  };

  const bucketsOf = (platform: Platform, address: Address) => {
    const out: { bucket: Bucket; rate: Rate }[] = [];
    const rule = rules.get(platform);
    if (!rule) return out;
    const t = now();
    if (rule.conversation) {
      out.push({
        bucket: bucketIn(conversations, conversationKeyOf(platform, address), rule.conversation, t),
        rate: rule.conversation,
      });
    }
    const ws = workspaceRate(platform);
    if (ws) out.push({ bucket: bucketIn(workspaces, workspaceKeyOf(platform, address), ws, t), rate: ws });
    return out;
  };

  return {
    conversationOf: conversationKeyOf,
    isPaced: (platform) => Boolean(rules.get(platform)),
    waitMs(platform, address) {
      const t = now();
      let wait = 0;
      for (const { bucket, rate } of bucketsOf(platform, address))
        wait = Math.max(wait, bucketWait(bucket, rate, t));
      return Math.ceil(wait);
    },
    take(platform, address) {
      const t = now();
      for (const { bucket, rate } of bucketsOf(platform, address)) {
        refill(bucket, rate, t);
        bucket.tokens -= 1;
      }
      if (++takes % 1_000 === 0) {
        prune(conversations, t, (key) => rules.get(key.split('\u0000')[0] as Platform)?.conversation ?? null);
        prune(workspaces, t, (key) => workspaceRate(key.split('\u0000')[0] as Platform));
      }
    },
    penalize(platform, address, ms) {
      const rule = rules.get(platform);
      if (!rule) return;
      const t = now();
      if (rule.conversation) {
        const bucket = bucketIn(conversations, conversationKeyOf(platform, address), rule.conversation, t);
        // Resume exactly when the platform said, with one token for that send.
        bucket.at = Math.max(bucket.at, t + Math.max(0, ms));
        bucket.tokens = 1;
      }
      const ws = workspaceRate(platform);
      if (ws) {
        // The platform does not say which limit was hit: slow the whole
        // workspace down a little rather than stall it.
        const bucket = bucketIn(workspaces, workspaceKeyOf(platform, address), ws, t);
        refill(bucket, ws, t);
        bucket.tokens = Math.min(bucket.tokens, 0);
      }
    },
    setShare(platform, share) {
      const clamped = Math.min(1, Math.max(0.01, share));
      if ((shares.get(platform) ?? 1) === clamped) return;
      const before = workspaceRate(platform);
      if (!before) {
        shares.set(platform, clamped);
        return;
      }
      // Bring every bucket up to now at the old rate, then switch.
      const t = now();
      const mine = [...workspaces].filter(([key]) => key.startsWith(`${platform}\u0000`));
      for (const [, bucket] of mine) refill(bucket, before, t);
      shares.set(platform, clamped);
      const after = workspaceRate(platform)!;
      for (const [, bucket] of mine) bucket.tokens = Math.min(bucket.tokens, after.burst);
    },
  };
}

function bucketIn(map: Map<string, Bucket>, key: string, rate: Rate, t: number): Bucket {
  let bucket = map.get(key);
  if (!bucket) {
    bucket = { tokens: rate.burst, at: t };
    map.set(key, bucket);
  }
  return bucket;
}

// `at` may lie in the future after a 429: the bucket neither fills nor
// spends before then.
function refill(bucket: Bucket, rate: Rate, t: number): void {
  if (t <= bucket.at) return;
  bucket.tokens = Math.min(rate.burst, bucket.tokens + ((t - bucket.at) * rate.perSecond) / 1000);
  bucket.at = t;
}

function bucketWait(bucket: Bucket, rate: Rate, t: number): number {
  const short = (tokens: number) => (tokens >= 1 ? 0 : ((1 - tokens) * 1000) / rate.perSecond);
  if (t < bucket.at) return bucket.at - t + short(bucket.tokens);
  return short(Math.min(rate.burst, bucket.tokens + ((t - bucket.at) * rate.perSecond) / 1000));
}

// Forget buckets that are full again: they hold nothing a new bucket would not.
function prune(map: Map<string, Bucket>, t: number, rateOf: (key: string) => Rate | null): void {
  if (map.size < MAX_BUCKETS / 2) return;
  for (const [key, bucket] of map) {
    const rate = rateOf(key);
    if (!rate) {
      map.delete(key);
      continue;
    }
    if (t < bucket.at) continue;
    refill(bucket, rate, t);
    if (bucket.tokens >= rate.burst) map.delete(key);
  }
}

/** The same address, whatever order its fields were written in. */
export function stableKey(address: Address): string {
  return JSON.stringify(sortKeys(address));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>)
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([k, v]) => [k, sortKeys(v)]),
    );
  }
  return value;
}

function defaultWorkspaceKey(address: Address): string {
  if (typeof address.workspace === 'string') return address.workspace;
  if (typeof address.tenant === 'string') return address.tenant;
  return '*';
}
