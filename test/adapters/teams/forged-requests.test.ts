import { createServer } from 'node:net';
import { Writable } from 'node:stream';
import type { BotFrameworkAuthentication } from 'botframework-connector';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createLogger } from '../../../src/ops/logger.ts';
import { ANA, personalMessage } from './support/activities.ts';
import { APP_ID, startTeamsHarness, type TeamsHarness } from './support/harness.ts';
import { BOT_FRAMEWORK_ISSUER, createSigningKeys } from './support/signing-keys.ts';
import { testAuthentication } from './support/test-authentication.ts';

// Anyone on the internet can post to /api/messages. Every request that is
// not from the Bot Framework gets 401 (or 503 when the signing keys cannot
// be fetched, so the token cannot be checked) with an empty body, nothing
// is processed, and the log gets one JSON line at warn level per refusal,
// never botbuilder's console output.

const lines: string[] = [];
const sink = new Writable({
  write(chunk, _encoding, done) {
    lines.push(...String(chunk).split('\n').filter(Boolean));
    done();
  },
});

const printed: string[] = [];
let keysAt: 'published' | 'unavailable' | 'unreachable' | 'stalled' = 'published';
let h: TeamsHarness;

beforeAll(async () => {
  // Anything that reaches the console or stderr is recorded, and must not happen.
  for (const method of ['error', 'warn', 'log', 'info', 'debug', 'trace'] as const) {
    vi.spyOn(console, method).mockImplementation((...args: unknown[]) => {
      printed.push(`console.${method}: ${args.map(String).join(' ')}`);
    });
  }
  const write = process.stderr.write.bind(process.stderr);
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk, ...rest) => {
    printed.push(`stderr: ${String(chunk)}`);
    return write(chunk, ...(rest as []));
  });
  const closedPort = await freePort();
  h = await startTeamsHarness(undefined, {
    log: createLogger('info', sink).child({ component: 'teams' }),
    checkTimeoutMs: 1_000,
    authentication: (standIn) => {
      const credentials = { standIn, appId: APP_ID, appPassword: 'stand-in-secret' };
      return switchable(
        {
          published: testAuthentication(credentials),
          unavailable: testAuthentication({
            ...credentials,
            openIdMetadataUrl: standIn.unavailableOpenIdMetadataUrl,
          }),
          unreachable: testAuthentication({
            ...credentials,
            openIdMetadataUrl: `http://127.0.0.1:${closedPort}/.well-known/openidconfiguration`,
          }),
          stalled: testAuthentication({
            ...credentials,
            openIdMetadataUrl: standIn.stalledOpenIdMetadataUrl,
          }),
        },
        () => keysAt,
      );
    },
  });
});
afterAll(async () => {
  await h.close();
  vi.restoreAllMocks();
});
beforeEach(async () => {
  await h.reset();
  lines.length = 0;
  printed.length = 0;
  keysAt = 'published';
});

const now = () => Math.floor(Date.now() / 1000);

describe('a request that is not from the Bot Framework', () => {
  const activity = () => personalMessage(h.env, ANA, 'help');
  const claims = (over: Record<string, unknown> = {}) => ({
    iss: BOT_FRAMEWORK_ISSUER,
    aud: APP_ID,
    serviceurl: activity().serviceUrl,
    nbf: now() - 60,
    exp: now() + 3600,
    ...over,
  });
  const unsigned = (payload: Record<string, unknown>) =>
    `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url')}.${Buffer.from(
      JSON.stringify(payload),
    ).toString('base64url')}.`;

  const forgeries: [string, () => string | null, RegExp][] = [
    ['no Authorization header', () => null, /no Authorization header/],
    ['a header that is not a bearer token', () => 'Basic dXNlcjpwYXNzd29yZA==', /./],
    ['a bearer token that is not a JWT', () => 'Bearer not-a-token', /./],
    ['an unsigned token (alg none)', () => `Bearer ${unsigned(claims())}`, /./],
    [
      'a token from an unknown issuer',
      () => `Bearer ${h.keys.sign(claims({ iss: 'https://evil.example' }))}`,
      /./,
    ],
    [
      'a token signed with a key the Bot Framework never published',
      () => `Bearer ${h.keys.sign(claims(), { kid: 'not-published' })}`,
      /./,
    ],
    [
      'a token naming a published key but signed with another',
      () => `Bearer ${createSigningKeys().sign(claims(), { kid: h.keys.kid })}`,
      /./,
    ],
    [
      'an expired token',
      () => `Bearer ${h.keys.sign(claims({ nbf: now() - 7200, exp: now() - 3600 }))}`,
      /expired/,
    ],
    [
      'a token for another bot',
      () => `Bearer ${h.keys.channelToken({ appId: 'another-app', serviceUrl: activity().serviceUrl })}`,
      /./,
    ],
    [
      'a token for another service URL',
      () => `Bearer ${h.keys.channelToken({ appId: APP_ID, serviceUrl: 'https://elsewhere.example/' })}`,
      /./,
    ],
  ];

  it.each(forgeries)(
    '%s: 401, an empty body, one warn line, nothing printed',
    async (_kind, header, reason) => {
      const result = await h.post(activity(), { authorization: header() });
      expect(result).toEqual({ status: 401, body: undefined });
      expect(refusalLines()).toEqual([
        expect.objectContaining({ level: 40, status: 401, reason: expect.stringMatching(reason) }),
      ]);
      expect(printed).toEqual([]);
      expect(h.standIn.calls).toEqual([]);
      expect(await h.db.selectFrom('inbound_events').selectAll().execute()).toEqual([]);
    },
  );

  it.each([
    ['answer with an error', 'unavailable'],
    ['cannot be reached', 'unreachable'],
    ['do not answer in time', 'stalled'],
  ] as const)(
    'a token naming the Bot Framework issuer when its signing keys %s: 503, an empty body, one warn line',
    async (_how, where) => {
      keysAt = where;
      const result = await h.post(activity(), { authorization: `Bearer ${h.keys.sign(claims())}` });
      expect(result).toEqual({ status: 503, body: undefined });
      expect(refusalLines()).toEqual([
        expect.objectContaining({
          level: 40,
          status: 503,
          reason: expect.stringMatching(/signing keys could not be fetched/),
        }),
      ]);
      expect(printed).toEqual([]);
      expect(h.standIn.posted()).toEqual([]);
    },
  );

  it('is still answered when genuine, with nothing printed either', async () => {
    const result = await h.post(activity());
    expect(result.status).toBe(200);
    expect(h.standIn.posted()).toHaveLength(1);
    expect(refusalLines()).toEqual([]);
    expect(printed).toEqual([]);
  });
});

/** Every log line is JSON; the refusals among them. */
function refusalLines(): Record<string, unknown>[] {
  const parsed = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
  return parsed.filter((l) => l.msg === 'Teams: a request was refused');
}

/** One of several authentications, chosen at each call. */
function switchable(
  choices: Record<string, BotFrameworkAuthentication>,
  pick: () => string,
): BotFrameworkAuthentication {
  return new Proxy(choices.published!, {
    get(_target, property) {
      const chosen = choices[pick()]!;
      const value: unknown = Reflect.get(chosen, property, chosen);
      return typeof value === 'function' ? value.bind(chosen) : value;
    },
  });
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
