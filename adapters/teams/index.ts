import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { BotFrameworkAuthentication } from 'botframework-connector';
import type { Bot } from '../../src/bot/bot.ts';
import type { ChatAdapterFactory } from '../../src/bot/chat-adapter.ts';
import type { Db } from '../../src/db/connect.ts';
import { describeError, type Log, silentLog } from '../../src/platform/log.ts';
import type { PlatformPort } from '../../src/platform/platform-port.ts';
import { authenticationFromConfig, withoutRetries } from './authentication.ts';
import type { TeamsConfig } from './config.ts';
import { teamsFeatures } from './features.ts';
import { createMessagesServer } from './http-server.ts';
import { LOCAL_HOST } from './local-mode.ts';
import { teamsPacing } from './pacing.ts';
import { createTeamsPort } from './port.ts';
import { type RefusalLogOptions, refusalLog } from './refusals.ts';
import { TurnAdapter } from './turn-adapter.ts';
import { turnLogic } from './turn-logic.ts';

// The Microsoft Teams adapter: botbuilder's CloudAdapter behind a small HTTP
// server (POST /api/messages). Everything that knows the Bot Framework SDK
// lives in this folder, so that moving to the Microsoft 365 Agents SDK (the
// Bot Framework SDK's successor) changes nothing else.

export type TeamsAdapterDeps = {
  config: TeamsConfig;
  bot: Bot;
  db: Db;
  log?: Log;
  /** For the adapter's own records (installations, 1:1 chats); the core has its own clock. */
  clock?: () => Date;
};

export type TeamsAdapterOptions = {
  /**
   * Replaces the authentication built from the settings. For tests: a
   * ConfigurationBotFrameworkAuthentication whose OpenID metadata and token
   * endpoints are on loopback; inbound tokens are still checked.
   */
  authentication?: BotFrameworkAuthentication;
  /** Interface to listen on; all interfaces when unset (loopback only in local mode). */
  host?: string;
  /** How many refused requests are logged one by one (refusals.ts). */
  refusals?: RefusalLogOptions;
  /** How long checking a token may take before the request gets 503 (inbound-auth.ts). */
  checkTimeoutMs?: number;
  /** Replaces config.publicUrl; for tests, where the files are served on loopback over http. */
  publicUrl?: string;
};

export type TeamsAdapter = {
  port: PlatformPort;
  /** Starts listening on config.port (0: any free port; see `server.address()`). */
  start(): Promise<void>;
  stop(): Promise<void>;
  server: Server;
};

export function createTeamsAdapter(deps: TeamsAdapterDeps, options: TeamsAdapterOptions = {}): TeamsAdapter {
  const log = deps.log ?? silentLog;
  const clock = deps.clock ?? (() => new Date());
  const appId = deps.config.appId;
  const local = deps.config.local === true;
  const authentication = withoutRetries(options.authentication ?? authenticationFromConfig(deps.config));
  const adapter = new TurnAdapter(authentication);
  adapter.onTurnError = async (_context, error) => {
    log.error({ error: describeError(error) }, 'Teams: a turn failed');
  };
  const publicUrl = options.publicUrl ?? deps.config.publicUrl;
  const publisher = publicUrl ? { db: deps.db, baseUrl: publicUrl, clock } : undefined;
  if (!publisher) {
    log.warn(
      {},
      'Teams: TEAMS_PUBLIC_URL is not set, so digests show their chart only as a description and exports only their first lines',
    );
  }
  const server = createMessagesServer({
    adapter,
    authentication,
    logic: turnLogic({
      bot: deps.bot,
      db: deps.db,
      adapter,
      appId,
      log,
      clock,
      ...(publisher ? { publisher } : {}),
    }),
    log,
    refused: refusalLog(log, options.refusals),
    files: { db: deps.db, clock },
    local,
    ...(options.checkTimeoutMs ? { checkTimeoutMs: options.checkTimeoutMs } : {}),
  });
  const host = options.host ?? (local ? LOCAL_HOST : undefined);
  const port = createTeamsPort({ adapter, appId, db: deps.db, clock, ...(publisher ? { publisher } : {}) });

  return {
    port,
    server,
    start: () =>
      new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(deps.config.port, host, () => {
          server.off('error', reject);
          const address = server.address() as AddressInfo;
          log.info({ port: address.port }, 'Teams: listening on /api/messages');
          if (local) {
            log.warn(
              { host: address.address, port: address.port },
              'Teams: local mode for the Agents Playground: requests are NOT authenticated; listening on this machine only',
            );
          }
          resolve();
        });
      }),
    stop: () =>
      new Promise<void>((resolve, reject) => {
        if (!server.listening) return resolve();
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

/** Teams, plugged in through the adapter contract (src/bot/chat-adapter.ts). */
export function teamsAdapter(config: TeamsConfig): ChatAdapterFactory {
  return {
    platform: 'teams',
    features: teamsFeatures,
    create({ bot, db, log, clock }) {
      const teams = createTeamsAdapter({ config, bot, db, log, clock });
      return {
        platform: 'teams',
        port: teams.port,
        pacing: teamsPacing,
        async start() {
          await teams.start();
          log.info({ port: config.port }, 'Teams adapter started');
        },
        stop: () => teams.stop(),
        ready: () => teams.server.listening,
      };
    },
  };
}
