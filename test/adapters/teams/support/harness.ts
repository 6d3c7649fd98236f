import type { AddressInfo } from 'node:net';
import type { BotFrameworkAuthentication } from 'botframework-connector';
import { createTeamsAdapter, type TeamsAdapter } from '../../../../adapters/teams/index.ts';
import type { RefusalLogOptions } from '../../../../adapters/teams/refusals.ts';
import { createBot } from '../../../../src/bot/bot.ts';
import { allCommands } from '../../../../src/bot/commands/index.ts';
import { buildHome } from '../../../../src/bot/home.ts';
import { interactionRoutes } from '../../../../src/bot/routes.ts';
import { defaultSettings } from '../../../../src/core/settings.ts';
import type { Db } from '../../../../src/db/connect.ts';
import type { Log } from '../../../../src/platform/log.ts';
import { botServices, knownPlatforms } from '../../../support/bot-deps.ts';
import { createTestDatabase, type TestDatabase } from '../../../support/test-db.ts';
import type { ActivityJson, Env } from './activities.ts';
import { type ConnectorStandIn, startConnectorStandIn } from './connector-stand-in.ts';
import { createSigningKeys, type SigningKeys } from './signing-keys.ts';
import { testAuthentication } from './test-authentication.ts';

// The whole Teams path on loopback: the real core on a migrated test
// database, the Teams adapter with botbuilder's CloudAdapter and its HTTP
// endpoint, and the Bot Connector stand-in. Activities are POSTed to
// /api/messages with a signed Bot Connector token, as Teams does.

export const APP_ID = '5f9c2a8e-3d41-4b7a-9e06-1c2d3e4f5a6b';
export const APP_PASSWORD = 'stand-in-secret';
/** Where Teams would reach the bot; the harness maps it to the loopback server. */
export const PUBLIC_URL = 'https://pdsa-bot.test';

export type PostResult = { status: number; body: unknown };

export type TeamsHarness = {
  db: Db;
  standIn: ConnectorStandIn;
  keys: SigningKeys;
  teams: TeamsAdapter;
  env: Env;
  endpoint: string;
  logged: { level: string; msg: string; fields: Record<string, unknown> }[];
  now(): Date;
  setNow(date: Date): void;
  /** POSTs an activity with a valid token (or the given Authorization header; null for none). */
  post(activity: ActivityJson, opts?: { authorization?: string | null }): Promise<PostResult>;
  /** GETs a link the bot put in a card (under PUBLIC_URL) from the adapter's server, as a Teams client would. */
  fetchLink(url: string, init?: RequestInit): Promise<Response>;
  /** Empties the database and the stand-in's records between tests. */
  reset(): Promise<void>;
  close(): Promise<void>;
};

export type HarnessOptions = {
  /** Where the adapter logs besides `logged` (a real pino logger, to read its lines). */
  log?: Log;
  /** Replaces the loopback authentication (e.g. OpenID metadata that cannot be fetched). */
  authentication?: (standIn: ConnectorStandIn) => BotFrameworkAuthentication;
  refusals?: RefusalLogOptions;
  checkTimeoutMs?: number;
  /**
   * Local mode, as for the Agents Playground: no credentials, requests
   * without a token, a connector that takes replies without one.
   */
  local?: boolean;
};

export async function startTeamsHarness(
  start = new Date('2026-11-30T15:00:00Z'),
  options: HarnessOptions = {},
): Promise<TeamsHarness> {
  const database: TestDatabase = await createTestDatabase();
  const keys = createSigningKeys();
  const standIn = await startConnectorStandIn({
    keys,
    appId: APP_ID,
    appPassword: APP_PASSWORD,
    anonymous: options.local === true,
  });
  let now = start;
  const clock = () => now;
  const logged: TeamsHarness['logged'] = [];
  const log: Log = {
    debug: (fields, msg) => options.log?.debug(fields, msg),
    info: (fields, msg) => {
      logged.push({ level: 'info', msg, fields });
      options.log?.info(fields, msg);
    },
    warn: (fields, msg) => {
      logged.push({ level: 'warn', msg, fields });
      options.log?.warn(fields, msg);
    },
    error: (fields, msg) => {
      logged.push({ level: 'error', msg, fields });
      options.log?.error(fields, msg);
    },
  };
  const bot = createBot({
    db: database.db,
    clock,
    settings: { ...defaultSettings, defaultTimeZone: 'America/Chicago' },
    platforms: knownPlatforms,
    services: botServices,
    commands: allCommands(),
    routes: interactionRoutes(),
    home: buildHome,
  });
  const local = options.local === true;
  const teams = createTeamsAdapter(
    {
      config: local
        ? { appId: '', appType: 'MultiTenant', port: 0, local: true }
        : { appId: APP_ID, appPassword: APP_PASSWORD, appType: 'MultiTenant', port: 0 },
      bot,
      db: database.db,
      log,
      clock,
    },
    {
      ...(local
        ? {}
        : {
            authentication:
              options.authentication?.(standIn) ??
              testAuthentication({ standIn, appId: APP_ID, appPassword: APP_PASSWORD }),
            host: '127.0.0.1',
          }),
      publicUrl: PUBLIC_URL,
      ...(options.refusals ? { refusals: options.refusals } : {}),
      ...(options.checkTimeoutMs ? { checkTimeoutMs: options.checkTimeoutMs } : {}),
    },
  );
  await teams.start();
  const endpoint = `http://127.0.0.1:${(teams.server.address() as AddressInfo).port}/api/messages`;

  return {
    db: database.db,
    standIn,
    keys,
    teams,
    env: {
      serviceUrl: standIn.serviceUrl,
      botId: local ? '00000000-0000-0000-0000-00000000000011' : `28:${APP_ID}`,
      botName: 'pdsa-bot',
    },
    endpoint,
    logged,
    now: () => now,
    setNow(date) {
      now = date;
    },
    async post(activity, opts = {}) {
      const authorization =
        opts.authorization === undefined
          ? local
            ? null
            : `Bearer ${keys.channelToken({ appId: APP_ID, serviceUrl: activity.serviceUrl })}`
          : opts.authorization;
      const response = await fetch(endpoint, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
        body: JSON.stringify(activity),
      });
      const text = await response.text();
      let body: unknown = text;
      try {
        body = text ? JSON.parse(text) : undefined;
      } catch {
        // plain text
      }
      return { status: response.status, body };
    },
    fetchLink(url, init) {
      if (!url.startsWith(`${PUBLIC_URL}/`)) throw new Error(`not a link of this bot: ${url}`);
      return fetch(endpoint.replace(/\/api\/messages$/, url.slice(PUBLIC_URL.length)), init);
    },
    async reset() {
      await database.reset();
      standIn.calls.length = 0;
      standIn.dropped.length = 0;
      standIn.roster.clear();
      logged.length = 0;
    },
    async close() {
      await teams.stop();
      await standIn.close();
      await database.close();
    },
  };
}
