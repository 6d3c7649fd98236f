import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { SigningKeys } from './signing-keys.ts';

// A stand-in for the Bot Framework on loopback, enough for botbuilder to
// talk to: the Bot Connector REST API a Teams bot calls (send, reply,
// update, create a conversation, look up a member), the OpenID metadata and
// keys the bot checks inbound tokens with, and a token endpoint that gives
// the bot its outbound access token. Every connector call is recorded, and
// answers can be made to fail (403, 429 with Retry-After, 5xx).

export type ConnectorCall = {
  method: string;
  /** The path after the service URL, e.g. /v3/conversations/a%3A1/activities. */
  path: string;
  /** Decoded conversation id from the path, when there is one. */
  conversationId?: string;
  /** Decoded activity id from the path, when there is one. */
  activityId?: string;
  body: Record<string, unknown> | undefined;
  authorization: string | undefined;
  /** The status the stand-in answered with. */
  status?: number;
};

export type CannedFailure = { status: number; headers?: Record<string, string>; body?: unknown };

export type RosterEntry = { id: string; name: string; aadObjectId: string; tenantId?: string };

export type ConnectorStandIn = {
  /** http://127.0.0.1:port */
  baseUrl: string;
  /** The service URL to put in activities (Teams' look like https://smba.trafficmanager.net/amer/). */
  serviceUrl: string;
  openIdMetadataUrl: string;
  /** OpenID metadata that answers 503, as in an outage of the Bot Framework's key service. */
  unavailableOpenIdMetadataUrl: string;
  /** OpenID metadata that never answers. */
  stalledOpenIdMetadataUrl: string;
  tokenUrl: string;
  calls: ConnectorCall[];
  /** Tokens handed out by the token endpoint. */
  issuedTokens: string[];
  /** The next connector call matching `match` gets this answer instead. */
  failNext(match: { method?: string; path?: RegExp }, failure: CannedFailure): void;
  /**
   * The next connector call matching `match` gets no answer: its connection
   * is closed once the request is in, as a server closes a kept-alive
   * connection that runs out as the client sends. It is not carried out.
   */
  dropNext(match: { method?: string; path?: RegExp }): void;
  /** Calls whose connection was dropped (not in `calls`). */
  dropped: ConnectorCall[];
  /** People the member lookup (GET …/members/{id}) knows. */
  roster: Map<string, RosterEntry>;
  /** Calls that posted activities (sends and replies), with their bodies. */
  posted(): (ConnectorCall & { body: Record<string, unknown> })[];
  /** The posted activities the stand-in took (answered 2xx). */
  delivered(): (ConnectorCall & { body: Record<string, unknown> })[];
  close(): Promise<void>;
};

export async function startConnectorStandIn(opts: {
  keys: SigningKeys;
  appId: string;
  appPassword: string;
  /** Takes connector calls without a token, as the Agents Playground does (local mode). */
  anonymous?: boolean;
}): Promise<ConnectorStandIn> {
  const calls: ConnectorCall[] = [];
  const issuedTokens: string[] = [];
  const failures: { match: { method?: string; path?: RegExp }; failure: CannedFailure }[] = [];
  const drops: { method?: string; path?: RegExp }[] = [];
  const dropped: ConnectorCall[] = [];
  const roster = new Map<string, RosterEntry>();
  let counter = 0;
  let baseUrl = '';

  const server: Server = createServer((req, res) => {
    void route(req, res).catch((error: unknown) => {
      res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { code: 'StandInFailure', message: String(error) } }));
    });
  });

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://stand-in');
    const raw = await readBody(req);
    if (req.method === 'GET' && url.pathname === '/openid/.well-known/openidconfiguration') {
      return json(res, 200, {
        issuer: 'https://api.botframework.com',
        authorization_endpoint: 'https://invalid.botframework.com',
        jwks_uri: `${baseUrl}/openid/keys`,
        id_token_signing_alg_values_supported: ['RS256'],
        token_endpoint_auth_methods_supported: ['private_key_jwt'],
      });
    }
    if (req.method === 'GET' && url.pathname === '/openid/keys') return json(res, 200, opts.keys.jwks());
    // The Bot Framework's key service in an outage (see unavailableOpenIdMetadataUrl), or
    // behind a network that drops the packets (stalledOpenIdMetadataUrl: no answer until closed).
    if (url.pathname.startsWith('/openid-unavailable/')) return json(res, 503, { error: 'unavailable' });
    if (url.pathname.startsWith('/openid-stalled/')) return;
    if (req.method === 'POST' && url.pathname === '/oauth2/token') {
      const form = new URLSearchParams(raw);
      if (form.get('client_id') !== opts.appId || form.get('client_secret') !== opts.appPassword) {
        return json(res, 401, { error: 'invalid_client' });
      }
      const token = `stand-in-${randomBytes(12).toString('hex')}`;
      issuedTokens.push(token);
      return json(res, 200, { token_type: 'Bearer', expires_in: 3600, access_token: token });
    }

    const at = url.pathname.indexOf('/v3/');
    if (at === -1) return json(res, 404, { error: { code: 'NotFound', message: url.pathname } });
    const path = url.pathname.slice(at);
    const parts = path.split('/').slice(3).map(decodeURIComponent); // after /v3/conversations
    const body = raw ? (JSON.parse(raw) as Record<string, unknown>) : undefined;
    const call: ConnectorCall = {
      method: req.method ?? 'GET',
      path,
      ...(parts[0] ? { conversationId: parts[0] } : {}),
      ...(parts[1] === 'activities' && parts[2] ? { activityId: parts[2] } : {}),
      body,
      authorization: req.headers.authorization,
    };
    const dropAt = drops.findIndex(
      (m) => (!m.method || m.method === call.method) && (!m.path || m.path.test(path)),
    );
    if (dropAt !== -1) {
      drops.splice(dropAt, 1);
      dropped.push(call);
      req.socket.destroy();
      return;
    }
    calls.push(call);
    res.on('finish', () => {
      call.status = res.statusCode;
    });

    const token = req.headers.authorization?.replace(/^Bearer /, '');
    if (!opts.anonymous && (!token || !issuedTokens.includes(token))) {
      return json(res, 401, { error: { code: 'Unauthorized', message: 'no valid bearer token' } });
    }
    const failureAt = failures.findIndex(
      (f) =>
        (!f.match.method || f.match.method === call.method) && (!f.match.path || f.match.path.test(path)),
    );
    if (failureAt !== -1) {
      const [{ failure }] = failures.splice(failureAt, 1) as [(typeof failures)[number]];
      res.writeHead(failure.status, { 'content-type': 'application/json', ...failure.headers });
      res.end(
        JSON.stringify(failure.body ?? { error: { code: 'Failure', message: `HTTP ${failure.status}` } }),
      );
      return;
    }

    if (call.method === 'POST' && parts.length === 0) {
      // Like Teams: the same person always gets the same 1:1 chat.
      const member = ((body?.members ?? []) as { id?: string }[])[0]?.id ?? `${++counter}`;
      return json(res, 201, { id: personalChatId(member) });
    }
    if (call.method === 'POST' && parts[1] === 'activities') {
      return json(res, 201, { id: `${Date.now()}${++counter}` });
    }
    if (call.method === 'PUT' && parts[1] === 'activities' && parts[2]) {
      return json(res, 200, { id: parts[2] });
    }
    if (call.method === 'GET' && parts[1] === 'members' && parts[2]) {
      const member = roster.get(parts[2]);
      return member
        ? json(res, 200, { ...member, objectId: member.aadObjectId, userRole: 'user' })
        : json(res, 404, { error: { code: 'MemberNotFoundInConversation', message: 'not a member' } });
    }
    return json(res, 404, { error: { code: 'NotFound', message: `${call.method} ${path}` } });
  }

  function posted() {
    return calls.filter(
      (c): c is ConnectorCall & { body: Record<string, unknown> } =>
        c.method === 'POST' && c.body !== undefined && /\/activities(\/[^/]+)?$/.test(c.path),
    );
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    baseUrl,
    serviceUrl: `${baseUrl}/amer/`,
    openIdMetadataUrl: `${baseUrl}/openid/.well-known/openidconfiguration`,
    unavailableOpenIdMetadataUrl: `${baseUrl}/openid-unavailable/.well-known/openidconfiguration`,
    stalledOpenIdMetadataUrl: `${baseUrl}/openid-stalled/.well-known/openidconfiguration`,
    tokenUrl: `${baseUrl}/oauth2/token`,
    calls,
    issuedTokens,
    roster,
    failNext(match, failure) {
      failures.push({ match, failure });
    },
    dropNext(match) {
      drops.push(match);
    },
    dropped,
    posted,
    delivered() {
      return posted().filter((c) => c.status !== undefined && c.status < 300);
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** The id of the 1:1 chat the stand-in opens with a member. */
export const personalChatId = (memberId: string) => `a:stand-in-chat-with-${memberId}`;

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
}
