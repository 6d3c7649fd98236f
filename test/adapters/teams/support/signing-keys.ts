import { createSign, generateKeyPairSync, type JsonWebKey, type KeyObject, randomBytes } from 'node:crypto';

// A signing key of our own, published on loopback the way the Bot
// Framework publishes its keys (OpenID metadata → JWKS with the channels
// each key is endorsed for), and tokens signed with it the way the Bot
// Connector signs the requests it sends to a bot.

export const BOT_FRAMEWORK_ISSUER = 'https://api.botframework.com';

export type SigningKeys = {
  kid: string;
  jwks(): { keys: (JsonWebKey & { kid: string; use: string; endorsements: string[] })[] };
  /** A Bot Connector token for an activity: audience = the bot's app id, serviceurl = the activity's. */
  channelToken(claims: { appId: string; serviceUrl: string; expiresInSeconds?: number }): string;
  /** Signs any claims (for tokens that must be refused). */
  sign(payload: Record<string, unknown>, header?: Record<string, unknown>): string;
};

export function createSigningKeys(endorsements: string[] = ['msteams']): SigningKeys {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const kid = randomBytes(8).toString('hex');
  return {
    kid,
    jwks: () => ({
      keys: [{ ...(publicKey.export({ format: 'jwk' }) as JsonWebKey), kid, use: 'sig', endorsements }],
    }),
    channelToken({ appId, serviceUrl, expiresInSeconds = 3600 }) {
      const now = Math.floor(Date.now() / 1000);
      return sign(privateKey, kid, {
        iss: BOT_FRAMEWORK_ISSUER,
        aud: appId,
        serviceurl: serviceUrl,
        nbf: now - 60,
        iat: now - 60,
        exp: now + expiresInSeconds,
      });
    },
    sign: (payload, header) => sign(privateKey, kid, payload, header),
  };
}

function sign(
  key: KeyObject,
  kid: string,
  payload: Record<string, unknown>,
  header: Record<string, unknown> = {},
): string {
  const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const input = `${b64({ alg: 'RS256', typ: 'JWT', kid, ...header })}.${b64(payload)}`;
  const signature = createSign('RSA-SHA256').update(input).sign(key).toString('base64url');
  return `${input}.${signature}`;
}
