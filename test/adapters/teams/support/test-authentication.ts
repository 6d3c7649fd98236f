import { ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import type {
  BotFrameworkAuthentication,
  ServiceClientCredentials,
  ServiceClientCredentialsFactory,
} from 'botframework-connector';
import type { ConnectorStandIn } from './connector-stand-in.ts';
import { BOT_FRAMEWORK_ISSUER } from './signing-keys.ts';

// How the tests authenticate, without switching authentication off.
//
// Inbound: botbuilder's own ConfigurationBotFrameworkAuthentication checks
// every request's JWT exactly as in production (signature against the
// published keys, issuer https://api.botframework.com, audience = our app
// id, serviceurl claim = the activity's service URL, expiry, the key's
// "msteams" endorsement); only the OpenID metadata URL points at the
// stand-in, which publishes a key the tests sign with.
//
// Outbound: botbuilder gets tokens through MSAL, which talks only to an
// https authority, so a credentials factory double takes its place. It
// refuses other app ids, gets a token from the stand-in's token endpoint
// with the app id and password (client credentials), and signs connector
// requests with it; the stand-in refuses calls without such a token.

export function testAuthentication(opts: {
  standIn: ConnectorStandIn;
  appId: string;
  appPassword: string;
  /** Where the signing keys are published; the stand-in's by default. */
  openIdMetadataUrl?: string;
}): BotFrameworkAuthentication {
  const openIdMetadataUrl = opts.openIdMetadataUrl ?? opts.standIn.openIdMetadataUrl;
  return new ConfigurationBotFrameworkAuthentication(
    {
      MicrosoftAppId: opts.appId,
      ToBotFromChannelOpenIdMetadataUrl: openIdMetadataUrl,
      ToBotFromChannelTokenIssuer: BOT_FRAMEWORK_ISSUER,
      ToBotFromEmulatorOpenIdMetadataUrl: openIdMetadataUrl,
      ToChannelFromBotOAuthScope: 'https://api.botframework.com',
      ToChannelFromBotLoginUrl: opts.standIn.tokenUrl,
      OAuthUrl: opts.standIn.baseUrl,
      CallerId: 'urn:botframework:azure',
      ValidateAuthority: false,
    },
    loopbackCredentials(opts),
  );
}

function loopbackCredentials(opts: {
  standIn: ConnectorStandIn;
  appId: string;
  appPassword: string;
}): ServiceClientCredentialsFactory {
  return {
    isValidAppId: async (appId) => appId === opts.appId,
    isAuthenticationDisabled: async () => false,
    async createCredentials(appId, audience) {
      if (appId !== opts.appId) throw new Error(`Invalid appId ${appId}`);
      let token: string | undefined;
      const credentials: ServiceClientCredentials = {
        async signRequest(webResource) {
          token ??= await fetchToken(opts, audience ?? 'https://api.botframework.com');
          webResource.headers.set('authorization', `Bearer ${token}`);
          return webResource;
        },
      };
      return credentials;
    },
  };
}

async function fetchToken(
  opts: { standIn: ConnectorStandIn; appId: string; appPassword: string },
  audience: string,
): Promise<string> {
  const response = await fetch(opts.standIn.tokenUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: opts.appId,
      client_secret: opts.appPassword,
      scope: `${audience}/.default`,
    }),
  });
  if (!response.ok) throw new Error(`token endpoint: HTTP ${response.status}`);
  return ((await response.json()) as { access_token: string }).access_token;
}
