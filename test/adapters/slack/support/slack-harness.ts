import type { SlackConfig } from '../../../../adapters/slack/config.ts';
import { createSlackAdapter, type SlackAdapter } from '../../../../adapters/slack/index.ts';
import { type Bot, createBot } from '../../../../src/bot/bot.ts';
import { allCommands } from '../../../../src/bot/commands/index.ts';
import { buildHome } from '../../../../src/bot/home.ts';
import { interactionRoutes } from '../../../../src/bot/routes.ts';
import { DatabaseUnavailableError } from '../../../../src/bot/user-error.ts';
import { defaultSettings } from '../../../../src/core/settings.ts';
import type { Db } from '../../../../src/db/connect.ts';
import { botServices, knownPlatforms } from '../../../support/bot-deps.ts';
import { collectingLog, type LogLine } from '../../../support/collecting-log.ts';
import { type DirectMessage, directMessage, type SlashCommand, slashCommand } from './payloads.ts';
import { interactionBody, postSigned, type SignedPost, type SlackAppResponse } from './signing.ts';
import { SlackStandIn } from './slack-stand-in.ts';

// The real adapter (Bolt's HTTP receiver on a free loopback port) on the
// real bot core, talking to a stand-in Slack Web API. Tests send it signed
// requests the way Slack does and look at what it called.

export const SIGNING_SECRET = 'test-signing-secret-0123456789abcdef';
export const BOT_TOKEN = 'xoxb-test-0000-bot-token';

export type { LogLine };

export type SlackHarness = {
  adapter: SlackAdapter;
  standIn: SlackStandIn;
  bot: Bot;
  /** http://127.0.0.1:<port>/slack/events */
  url: string;
  logs: LogLine[];
  /** Sends `/pdsa <text>`; the response_url posts land in standIn.responses. */
  command(text: string, c?: Partial<SlashCommand>): Promise<SlackAppResponse & { responseUrl: string }>;
  /** Sends an Events API envelope (JSON). */
  event(body: string, options?: Partial<SignedPost>): Promise<SlackAppResponse>;
  dm(m: DirectMessage, options?: Partial<SignedPost>): Promise<SlackAppResponse>;
  /** Sends a block_actions or view_submission payload (form-encoded `payload=`). */
  interaction(payload: unknown, options?: Partial<SignedPost>): Promise<SlackAppResponse>;
  close(): Promise<void>;
};

export type HarnessOptions = {
  /** The database the bot (and the installation store) use. */
  db: Db;
  /** Another bot, e.g. one on a database that is down. */
  bot?: Bot;
  config?: Partial<SlackConfig>;
  standIn?: SlackStandIn;
};

export function coreBot(db: Db, clock: () => Date = () => new Date()): Bot {
  return createBot({
    db,
    clock,
    settings: { ...defaultSettings, defaultTimeZone: 'America/Chicago' },
    platforms: knownPlatforms,
    services: botServices,
    commands: allCommands(),
    routes: interactionRoutes(),
    home: buildHome,
  });
}

export async function startSlackHarness(options: HarnessOptions): Promise<SlackHarness> {
  const standIn = options.standIn ?? (await SlackStandIn.start());
  const { log, lines: logs } = collectingLog();
  const bot = options.bot ?? coreBot(options.db);
  const adapter = createSlackAdapter({
    config: {
      botToken: BOT_TOKEN,
      signingSecret: SIGNING_SECRET,
      apiUrl: standIn.apiUrl,
      port: 0,
      ...options.config,
    },
    bot,
    db: options.db,
    log,
  });
  await adapter.start();
  const url = `http://127.0.0.1:${adapter.listeningPort()}/slack/events`;
  const signed = (contentType: SignedPost['contentType'], extra?: Partial<SignedPost>) => ({
    secret: SIGNING_SECRET,
    contentType,
    ...extra,
  });
  return {
    adapter,
    standIn,
    bot,
    url,
    logs,
    async command(text, c = {}) {
      const responseUrl = c.responseUrl ?? standIn.responseUrl();
      const res = await postSigned(
        url,
        slashCommand({ ...c, text, responseUrl }),
        signed('application/x-www-form-urlencoded'),
      );
      return { ...res, responseUrl };
    },
    event: (body, extra) => postSigned(url, body, signed('application/json', extra)),
    dm: (m, extra) => postSigned(url, directMessage(m), signed('application/json', extra)),
    interaction: (payload, extra) =>
      postSigned(url, interactionBody(payload), signed('application/x-www-form-urlencoded', extra)),
    async close() {
      await adapter.stop();
      if (!options.standIn) await standIn.close();
    },
  };
}

/** A bot whose database can be switched off: while `down`, every event fails as a lost database does. */
export function switchableBot(inner: Bot): Bot & { down: boolean } {
  const bot = {
    down: false,
    handle: (event: Parameters<Bot['handle']>[0]) =>
      bot.down
        ? Promise.reject(new DatabaseUnavailableError('The database is not reachable; nothing was saved.'))
        : inner.handle(event),
    home: (actor: Parameters<Bot['home']>[0]) =>
      bot.down
        ? Promise.reject(new DatabaseUnavailableError('The database is not reachable.'))
        : inner.home(actor),
    choices: (...args: Parameters<Bot['choices']>) =>
      bot.down
        ? Promise.reject(new DatabaseUnavailableError('The database is not reachable.'))
        : inner.choices(...args),
  };
  return bot;
}
