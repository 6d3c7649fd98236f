import type { AddressInfo } from 'node:net';
import { App, HTTPReceiver, type InstallationStore, SocketModeReceiver } from '@slack/bolt';
import type { Bot } from '../../src/bot/bot.ts';
import type { ChatAdapterFactory } from '../../src/bot/chat-adapter.ts';
import type { Db } from '../../src/db/connect.ts';
import { type Log, silentLog } from '../../src/platform/log.ts';
import type { SlackConfig } from './config.ts';
import { DeferredEventAckReceiver } from './deferred-ack-receiver.ts';
import { errorHandler } from './error-handler.ts';
import { slackFeatures } from './features.ts';
import { registerAppHome } from './inbound/app-home.ts';
import { registerAppRemoval } from './inbound/app-removed.ts';
import { registerBlockActions } from './inbound/block-actions.ts';
import { registerChoiceSearch } from './inbound/choice-search.ts';
import { registerCommand } from './inbound/command.ts';
import { registerDirectMessages } from './inbound/direct-message.ts';
import type { ListenerDeps } from './inbound/listener-deps.ts';
import { registerViewSubmission } from './inbound/view-submission.ts';
import { boltLogger } from './log.ts';
import { slackPacing } from './pacing.ts';
import { SlackPort } from './port.ts';
import { BOT_SCOPES } from './scopes.ts';
import { singleWorkspaceAuthorize } from './single-workspace.ts';
import { SlackDirectory } from './slack-directory.ts';
import { PostgresInstallationStore } from './store.ts';
import { WorkGate } from './work-gate.ts';
import {
  installationTokens,
  singleToken,
  type TokenSource,
  WorkspaceClients,
  webClientOptions,
} from './workspace-clients.ts';

export { type SlackAddress, slackPacingKeys } from './address.ts';
export { slackPacing } from './pacing.ts';
export { SlackPort } from './port.ts';

export const EVENTS_PATH = '/slack/events';

/**
 * Commands and buttons handled at once after their acknowledgement; more
 * wait their turn. Well under the database pool (10), which DM events and
 * the scheduler share.
 */
const AFTER_ACK_CONCURRENCY = 4;

export type SlackAdapterOptions = {
  config: SlackConfig;
  bot: Bot;
  db: Db;
  log?: Log;
};

export type SlackAdapter = {
  port: SlackPort;
  start(): Promise<void>;
  stop(): Promise<void>;
  app: App;
  /** 'socket' when SLACK_APP_TOKEN is set, else 'http' (POST /slack/events on config.port). */
  mode: 'socket' | 'http';
  /** HTTP mode: the port actually listened on (useful with port 0), once started. */
  listeningPort(): number | undefined;
  /** The OAuth installation store, when installing in several workspaces. */
  installationStore?: InstallationStore;
};

/**
 * pdsa-bot on Slack. Socket Mode when an app-level token is configured,
 * otherwise HTTP with request signatures checked (Bolt's HTTPReceiver). One
 * workspace with a bot token, or any number through Bolt's OAuth flow
 * (/slack/install, /slack/oauth_redirect) with installations in Postgres.
 */
export function createSlackAdapter(options: SlackAdapterOptions): SlackAdapter {
  const { config, bot, db } = options;
  const log = options.log ?? silentLog;
  const logger = boltLogger(log);
  const clientOptions = webClientOptions(config, logger);
  const installationStore = config.oauth ? new PostgresInstallationStore(db) : undefined;
  if (!installationStore && !config.botToken) {
    throw new Error(
      'Slack needs SLACK_BOT_TOKEN, or SLACK_CLIENT_ID, SLACK_CLIENT_SECRET and SLACK_STATE_SECRET',
    );
  }
  const mode = config.appToken ? 'socket' : 'http';
  const oauth =
    config.oauth && installationStore
      ? {
          clientId: config.oauth.clientId,
          clientSecret: config.oauth.clientSecret,
          stateSecret: config.oauth.stateSecret,
          installationStore,
          scopes: [...BOT_SCOPES],
        }
      : {};
  const installerOptions = {
    clientOptions,
    directInstall: true,
    ...(config.apiUrl ? { authorizationUrl: new URL('/oauth/v2/authorize', config.apiUrl).toString() } : {}),
    ...(mode === 'socket' ? { port: config.port } : {}),
  };
  const inner =
    mode === 'socket'
      ? new SocketModeReceiver({ appToken: config.appToken!, logger, installerOptions, ...oauth })
      : new HTTPReceiver({
          signingSecret: config.signingSecret ?? '',
          endpoints: EVENTS_PATH,
          port: config.port,
          logger,
          installerOptions,
          ...oauth,
        });

  const app = new App({
    receiver: new DeferredEventAckReceiver(inner),
    logger,
    clientOptions,
    extendedErrorHandler: true,
    // Bolt's conversation store (unused here) rejects with a new Error on
    // every request it does not know, which is most of them.
    convoStore: false,
    ...(installationStore ? {} : { authorize: singleWorkspaceAuthorize(config.botToken!, clientOptions) }),
  });
  app.error(errorHandler(log));

  const directory = new SlackDirectory();
  const deps: ListenerDeps = { bot, directory, log, afterAck: new WorkGate(AFTER_ACK_CONCURRENCY) };
  registerCommand(app, deps);
  registerDirectMessages(app, deps);
  registerAppHome(app, deps);
  registerBlockActions(app, deps);
  registerViewSubmission(app, deps);
  registerChoiceSearch(app, deps);
  registerAppRemoval(app, { db, log, ...(installationStore ? { installationStore } : {}) });

  const tokens: TokenSource = installationStore
    ? installationTokens(installationStore)
    : singleToken(config.botToken!);
  const port = new SlackPort(new WorkspaceClients(clientOptions, tokens), directory);

  let listening: number | undefined;
  return {
    port,
    app,
    mode,
    ...(installationStore ? { installationStore } : {}),
    listeningPort: () => listening,
    async start() {
      const started = await app.start(config.port);
      const address = (started as { address?: () => AddressInfo | string | null })?.address?.();
      if (address && typeof address === 'object') listening = address.port;
    },
    async stop() {
      await app.stop();
      listening = undefined;
    },
  };
}

/** Slack, plugged in through the adapter contract (src/bot/chat-adapter.ts). */
export function slackAdapter(config: SlackConfig): ChatAdapterFactory {
  return {
    platform: 'slack',
    features: slackFeatures,
    create({ bot, db, log }) {
      const slack = createSlackAdapter({ config, bot, db, log });
      return {
        platform: 'slack',
        port: slack.port,
        pacing: slackPacing,
        async start() {
          await slack.start();
          log.info({ mode: slack.mode, port: slack.listeningPort() }, 'Slack adapter started');
        },
        stop: () => slack.stop(),
        ready: () => true,
      };
    },
  };
}
