import type { webApi } from '@slack/bolt';

// What the adapter remembers about Slack users: their name and time zone
// from users.info, kept for an hour and then fetched again so that the
// core's time zone follows a person who moves; and their DM channel with
// the bot, which never changes.

export type Profile = { displayName?: string; timeZone?: string };

type Cached = { profile: Profile; fetchedAt: number };

export type DirectoryOptions = {
  /** How long a users.info answer is used; an hour by default. */
  ttlMs?: number;
  /** After a failed users.info, how long to wait before asking again. */
  failureBackoffMs?: number;
  maxEntries?: number;
  now?: () => number;
};

export class SlackDirectory {
  readonly #profiles = new Map<string, Cached>();
  readonly #inFlight = new Map<string, Promise<Profile | undefined>>();
  readonly #failedAt = new Map<string, number>();
  readonly #dms = new Map<string, string>();
  readonly #ttl: number;
  readonly #backoff: number;
  readonly #max: number;
  readonly #now: () => number;

  constructor(options: DirectoryOptions = {}) {
    this.#ttl = options.ttlMs ?? 3_600_000;
    this.#backoff = options.failureBackoffMs ?? 60_000;
    this.#max = options.maxEntries ?? 20_000;
    this.#now = options.now ?? Date.now;
  }

  /**
   * The person's name and time zone. A fresh cache entry answers at once; a
   * missing or stale one asks users.info, waiting at most `budgetMs` (the
   * caller may have Slack's 3-second deadline to meet): past that, or when
   * Slack fails, the stale entry or nothing is returned and the core keeps
   * what it knew. With `staleOk` (an event whose acknowledgement waits for
   * the core), a stale entry answers at once too, and the answer users.info
   * gives meanwhile serves the person's next event.
   */
  async profile(
    client: webApi.WebClient,
    team: string,
    user: string,
    budgetMs = 1500,
    staleOk = false,
  ): Promise<Profile | undefined> {
    const key = `${team}:${user}`;
    const cached = this.#profiles.get(key);
    const now = this.#now();
    if (cached && now - cached.fetchedAt < this.#ttl) return cached.profile;
    const failedAt = this.#failedAt.get(key);
    if (failedAt !== undefined && now - failedAt < this.#backoff) return cached?.profile;
    let pending = this.#inFlight.get(key);
    if (!pending) {
      pending = this.#fetch(client, key, user).finally(() => this.#inFlight.delete(key));
      this.#inFlight.set(key, pending);
    }
    if (cached && staleOk) return cached.profile;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<undefined>((resolve) => {
      timer = setTimeout(() => resolve(undefined), budgetMs);
    });
    const fresh = await Promise.race([pending, timeout]).finally(() => clearTimeout(timer));
    return fresh ?? cached?.profile;
  }

  async #fetch(client: webApi.WebClient, key: string, user: string): Promise<Profile | undefined> {
    try {
      const answer = await client.users.info({ user });
      const u = answer.user;
      const name =
        nonEmpty(u?.profile?.display_name) ??
        nonEmpty(u?.profile?.real_name) ??
        nonEmpty(u?.real_name) ??
        nonEmpty(u?.name);
      const tz = nonEmpty(u?.tz);
      const profile: Profile = { ...(name ? { displayName: name } : {}), ...(tz ? { timeZone: tz } : {}) };
      this.#remember(this.#profiles, key, { profile, fetchedAt: this.#now() });
      this.#failedAt.delete(key);
      return profile;
    } catch {
      this.#remember(this.#failedAt, key, this.#now());
      return undefined;
    }
  }

  /** Notes a user's DM channel seen in an event. */
  rememberDm(team: string, user: string, channel: string): void {
    if (channel.startsWith('D')) this.#remember(this.#dms, `${team}:${user}`, channel);
  }

  knownDm(team: string, user: string): string | undefined {
    return this.#dms.get(`${team}:${user}`);
  }

  /** The user's DM channel with the bot, opened (conversations.open) the first time. */
  async dmChannel(client: webApi.WebClient, team: string, user: string): Promise<string> {
    const known = this.knownDm(team, user);
    if (known) return known;
    const opened = await client.conversations.open({ users: user });
    const channel = opened.channel?.id;
    if (!channel) throw new Error('conversations.open returned no channel');
    this.rememberDm(team, user, channel);
    return channel;
  }

  #remember<V>(map: Map<string, V>, key: string, value: V): void {
    map.delete(key);
    map.set(key, value);
    if (map.size > this.#max) {
      const oldest = map.keys().next().value;
      if (oldest !== undefined) map.delete(oldest);
    }
  }
}

function nonEmpty(value: string | undefined | null): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}
