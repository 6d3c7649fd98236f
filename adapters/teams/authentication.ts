import { ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import type { BotFrameworkAuthentication, ConnectorClient, ConnectorFactory } from 'botframework-connector';
import type { TeamsConfig } from './config.ts';
import { localAuthentication } from './local-mode.ts';

// Bot Framework authentication from the settings. botbuilder checks the JWT
// on every inbound request against the Bot Framework's OpenID keys (issuer,
// audience = our app id, service URL, expiry, channel endorsement) and gets
// tokens for outbound calls from Microsoft Entra ID with the app password.
//
// An empty app id would make botbuilder switch authentication off, so it is
// refused here: production code never runs unauthenticated. The one
// exception is local mode for the Agents Playground (local-mode.ts), which
// the settings allow only without credentials and without a public host.

export function authenticationFromConfig(config: TeamsConfig): BotFrameworkAuthentication {
  if (config.local) return localAuthentication();
  if (!config.appId.trim()) {
    throw new Error(
      "MICROSOFT_APP_ID is empty: the Teams adapter will not run without Bot Framework authentication. Copy the bot's Microsoft App ID from its Azure Bot resource.",
    );
  }
  return new ConfigurationBotFrameworkAuthentication({
    MicrosoftAppId: config.appId,
    MicrosoftAppPassword: config.appPassword,
    MicrosoftAppTenantId: config.tenantId,
    MicrosoftAppType: config.appType,
  });
}

/**
 * The same authentication, but the connector clients it makes do not retry.
 * botbuilder's HTTP pipeline retries 429 and 5xx answers itself (waiting out
 * Retry-After); the outbox does that with its own backoff and must see the
 * failure at once to free the row. Requests and tokens are unchanged.
 */
export function withoutRetries(inner: BotFrameworkAuthentication): BotFrameworkAuthentication {
  return new Proxy(inner, {
    get(target, property) {
      if (property === 'createConnectorFactory') {
        return (...args: Parameters<BotFrameworkAuthentication['createConnectorFactory']>) =>
          noRetryFactory(target.createConnectorFactory(...args));
      }
      if (property === 'authenticateRequest') {
        return async (...args: Parameters<BotFrameworkAuthentication['authenticateRequest']>) => {
          const result = await target.authenticateRequest(...args);
          return result.connectorFactory
            ? { ...result, connectorFactory: noRetryFactory(result.connectorFactory) }
            : result;
        };
      }
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

function noRetryFactory(factory: ConnectorFactory): ConnectorFactory {
  return {
    async create(serviceUrl: string, audience?: string) {
      return stripRetryPolicy(await factory.create(serviceUrl, audience));
    },
  };
}

type Pipeline = { removePolicy(options: { name: string }): unknown };

/** Removes @azure/core-rest-pipeline's default retry policy from a connector client's pipeline. */
export function stripRetryPolicy(client: ConnectorClient): ConnectorClient {
  // ConnectorClient keeps its @azure/core-client ServiceClient in a private field.
  const pipeline = (client as unknown as { client?: { pipeline?: Pipeline } }).client?.pipeline;
  if (!pipeline) throw new Error('botbuilder changed: a connector client without an HTTP pipeline');
  pipeline.removePolicy({ name: 'defaultRetryPolicy' });
  return client;
}
