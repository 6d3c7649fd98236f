import type { Activity } from 'botbuilder';
import type { AuthenticateRequestResult, BotFrameworkAuthentication } from 'botframework-connector';
import { describeError } from '../../src/platform/log.ts';
import { withoutConsole } from './log.ts';
import type { Refusal } from './refusals.ts';

// The check botbuilder's CloudAdapter.process would make, made here so that
// a refusal is answered the same way every time: 401 with an empty body for
// a missing, malformed, forged, expired or misaddressed token, and 503 when
// the token cannot be checked at all because the Bot Framework's signing
// keys could not be fetched (a network or Microsoft outage). botbuilder
// itself answers such a token with 500 and the error's text in the body.
//
// 503 rather than 401 for that case: the request may well be genuine, and a
// 401 would tell the Bot Connector its token is wrong; 503 says "not now".
// A forged token gains nothing from it: the body is empty either way, and
// nothing is processed.

export type Checked = { ok: true; result: AuthenticateRequestResult } | ({ ok: false } & Refusal);

/** Keys that do not come within this long count as keys that cannot be fetched. */
export const CHECK_TIMEOUT_MS = 10_000;

export async function checkRequest(
  authentication: BotFrameworkAuthentication,
  activity: Activity,
  authorization: string,
  timeoutMs = CHECK_TIMEOUT_MS,
): Promise<Checked> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new KeysTooSlowError(timeoutMs)), timeoutMs);
  });
  try {
    const result = await Promise.race([
      withoutConsole(() => authentication.authenticateRequest(activity, authorization)),
      late,
    ]);
    return { ok: true, result };
  } catch (error) {
    return { ok: false, ...refusalOf(error, authorization) };
  } finally {
    clearTimeout(timer);
  }
}

/** The check waited longer than it may: the key service does not answer. */
class KeysTooSlowError extends Error {
  override name = 'KeysTooSlowError';
  constructor(ms: number) {
    super(`no answer within ${ms / 1000} s`);
  }
}

function refusalOf(error: unknown, authorization: string): Refusal {
  const e = (typeof error === 'object' && error !== null ? error : {}) as {
    name?: unknown;
    statusCode?: unknown;
  };
  // botframework-connector's OpenIdMetadata: an AuthenticationError with
  // status 500 when the metadata or keys answer with an error; node-fetch's
  // FetchError when they cannot be reached; and
  // no answer from them in time: KeysTooSlowError.
  if (
    error instanceof KeysTooSlowError ||
    e.name === 'FetchError' ||
    (typeof e.statusCode === 'number' && e.statusCode >= 500)
  ) {
    return { status: 503, reason: `the signing keys could not be fetched (${describeError(error)})` };
  }
  if (authorization.trim() === '') return { status: 401, reason: 'no Authorization header' };
  return { status: 401, reason: describeError(error) };
}
