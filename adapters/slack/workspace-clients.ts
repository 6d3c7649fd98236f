import { type InstallationStore, type Logger, webApi } from '@slack/bolt';
import { DatabaseUnavailableError } from '../../src/bot/user-error.ts';
import { DeliveryError } from '../../src/platform/platform-port.ts';
import type { WorkspaceKey } from './address.ts';
import type { SlackConfig } from './config.ts';

// Web API clients for outbound messages (the outbox has no Bolt listener
// context): one per bot token, the token being the single-workspace one or
// the installation's, found in the installation store.

export const SLACK_API_URL = 'https://slack.com/api/';

/** How every Web API client of the adapter behaves: no retries of its own, 429s reported. */
export function webClientOptions(
  config: Pick<SlackConfig, 'apiUrl'>,
  logger: Logger,
): webApi.WebClientOptions {
  return {
    slackApiUrl: apiUrlOf(config),
    // The outbox retries, and waits as long as Slack asks: the client must
    // neither retry nor sit out a 429 on its own.
    rejectRateLimitedCalls: true,
    retryConfig: { retries: 0 },
    timeout: 10_000,
    logger,
  };
}

/** SLACK_API_URL with the trailing slash the Web API client expects. */
export function apiUrlOf(config: Pick<SlackConfig, 'apiUrl'>): string {
  const url = config.apiUrl ?? SLACK_API_URL;
  return url.endsWith('/') ? url : `${url}/`;
}

export type TokenSource = (key: WorkspaceKey) => Promise<string>;

export function singleToken(token: string): TokenSource {
  return async () => token;
}

export function installationTokens(store: InstallationStore): TokenSource {
  return async (key) => {
    let installation: Awaited<ReturnType<InstallationStore['fetchInstallation']>>;
    try {
      installation = await store.fetchInstallation({
        teamId: key.teamId,
        enterpriseId: key.enterpriseId,
        isEnterpriseInstall: key.isEnterpriseInstall,
      });
    } catch (error) {
      if (error instanceof DatabaseUnavailableError) {
        throw new DeliveryError('transient', 'The installation store is not reachable');
      }
      throw new DeliveryError(
        'permanent',
        `pdsa-bot is not installed in Slack workspace ${key.enterpriseId ?? key.teamId ?? '(unknown)'}`,
      );
    }
    const token = installation.bot?.token;
    if (!token) {
      throw new DeliveryError(
        'permanent',
        `The installation for ${key.enterpriseId ?? key.teamId ?? '(unknown)'} has no bot token`,
      );
    }
    return token;
  };
}

export class WorkspaceClients {
  readonly #options: webApi.WebClientOptions;
  readonly #tokens: TokenSource;
  readonly #clients = new Map<string, webApi.WebClient>();

  constructor(options: webApi.WebClientOptions, tokens: TokenSource) {
    this.#options = options;
    this.#tokens = tokens;
  }

  async forWorkspace(key: WorkspaceKey): Promise<webApi.WebClient> {
    const token = await this.#tokens(key);
    let client = this.#clients.get(token);
    if (!client) {
      client = new webApi.WebClient(token, this.#options);
      this.#clients.set(token, client);
    }
    return client;
  }
}
