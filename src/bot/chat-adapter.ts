import type { Platform } from '../core/domain.ts';
import type { Db } from '../db/connect.ts';
import type { Log } from '../platform/log.ts';
import type { PlatformPacing } from '../platform/pacing.ts';
import type { PlatformPort } from '../platform/platform-port.ts';
import type { Bot } from './bot.ts';
import type { PlatformFeatures } from './platform-features.ts';

// How a chat platform plugs into pdsa-bot. Slack, Teams and the terminal are
// each one ChatAdapterFactory; start-up (src/start-bot.ts) builds them all
// the same way and knows none of them. A new platform is a folder under
// adapters/ with one of these and a line in src/main.ts: the core keeps no
// list of platforms, it only carries their ids.

/** What every adapter is built from. */
export type ChatAdapterDeps = {
  bot: Bot;
  db: Db;
  log: Log;
  /** The bot's clock (simulated in the terminal). */
  clock: () => Date;
  /**
   * Plans and sends what is due at the clock's time. For adapters that move
   * time themselves (the terminal runs it after every line); servers leave
   * it to the scheduler's timer.
   */
  runDueWork(): Promise<void>;
};

/** One platform, plugged in: how the bot hears from it, and how it writes to it. */
export type ChatAdapter = {
  /** Its platform id, as carried in addresses and stored in the database. */
  readonly platform: Platform;
  /** How the outbox writes to it. */
  readonly port: PlatformPort;
  /** How fast it may be written to (src/scheduler/pacer.ts); null for no limit. */
  readonly pacing: PlatformPacing | null;
  /** Starts listening; resolves once it does. */
  start(): Promise<void>;
  stop(): Promise<void>;
  /** For the readiness endpoint: whether it can take events now. */
  ready(): boolean;
  /** Resolves when the adapter ends the program by itself (the terminal, at the end of its input). */
  readonly finished?: Promise<void>;
};

/** An adapter given its own configuration, waiting for the bot. */
export type ChatAdapterFactory = {
  readonly platform: Platform;
  /** What the bot does differently for its people (forms or typed commands, names or mentions). */
  readonly features: PlatformFeatures;
  create(deps: ChatAdapterDeps): ChatAdapter;
};
