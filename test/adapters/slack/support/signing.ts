import { createHmac } from 'node:crypto';

// Requests as Slack sends them: signed with the app's signing secret
// (v0=HMAC-SHA256(secret, "v0:<timestamp>:<raw body>")), with the
// timestamp header, and for Events API retries the X-Slack-Retry-* headers.

export function slackSignature(secret: string, timestamp: number | string, body: string): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
}

export type SignedPost = {
  secret: string;
  contentType: 'application/json' | 'application/x-www-form-urlencoded';
  /** Seconds since the epoch; now by default. */
  timestamp?: number;
  /** Overrides the computed signature (a wrong one, say). */
  signature?: string;
  retryNum?: number;
  retryReason?: string;
};

export type SlackAppResponse = { status: number; text: string; ms: number };

/** POSTs a signed body to the app and returns its HTTP answer (the "ack") and how long it took. */
export async function postSigned(url: string, body: string, options: SignedPost): Promise<SlackAppResponse> {
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  const headers: Record<string, string> = {
    'content-type': options.contentType,
    'x-slack-request-timestamp': String(timestamp),
    'x-slack-signature': options.signature ?? slackSignature(options.secret, timestamp, body),
  };
  if (options.retryNum !== undefined) {
    headers['x-slack-retry-num'] = String(options.retryNum);
    headers['x-slack-retry-reason'] = options.retryReason ?? 'http_timeout';
  }
  const started = performance.now();
  const res = await fetch(url, { method: 'POST', headers, body });
  const text = await res.text();
  return { status: res.status, text, ms: performance.now() - started };
}

/** A form body (slash commands) from fields. */
export function formBody(fields: Record<string, string>): string {
  return new URLSearchParams(fields).toString();
}

/** An interaction body: `payload=<JSON>`, form-encoded, as Slack posts block_actions and view_submission. */
export function interactionBody(payload: unknown): string {
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}
