import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parse as parseQuery } from 'node:querystring';
import { messageProblems, viewProblems } from './block-kit-limits.ts';

// A stand-in for Slack's Web API (and for response_urls and file upload
// URLs) on loopback: point the adapter's SLACK_API_URL at `apiUrl`. It
// records every call, answers like Slack does for the methods the adapter
// uses, and can be told to fail a method the next time(s) it is called.
// Every message and view is checked against Slack's documented limits
// (block-kit-limits.ts): one over them is refused with invalid_blocks, as
// Slack does, and noted in `limitProblems`; close() then fails, so a test
// file whose adapter sent one fails even when the refusal went unnoticed.

export type RecordedCall = {
  method: string;
  args: Record<string, unknown>;
  token?: string;
  /** What the stand-in answered (absent for failures). */
  answer?: Record<string, unknown>;
};

export type ResponseUrlPost = { path: string; body: Record<string, unknown> };

export type Failure =
  | { error: string }
  | { status: 429; retryAfter: number }
  | { status: number; body?: string }
  | { delayMs: number };

export type StandInUser = { name?: string; realName?: string; displayName?: string; tz?: string };

export type StandInOptions = {
  /** The answer to auth.test: the bot user id that Bolt's ignoreSelf uses. */
  botUserId?: string;
  botId?: string;
  teamId?: string;
};

export class SlackStandIn {
  readonly calls: RecordedCall[] = [];
  readonly responses: ResponseUrlPost[] = [];
  readonly uploads: { fileId: string; bytes: number }[] = [];
  readonly users = new Map<string, StandInUser>();
  /** Payloads over Slack's limits, each as "<method>: <problem>". */
  readonly limitProblems: string[] = [];
  readonly #failures = new Map<string, Failure[]>();
  readonly #answers = new Map<string, Record<string, unknown>>();
  readonly #server: Server;
  readonly #options: Required<StandInOptions>;
  #counter = 0;
  /** Requests received so far, of any kind (for settled()). */
  #received = 0;
  #baseUrl = '';

  private constructor(options: StandInOptions) {
    this.#options = { botUserId: 'UBOT', botId: 'BBOT', teamId: 'T111', ...options };
    this.#server = createServer((req, res) => {
      this.#handle(req, res).catch((error: unknown) => {
        res.writeHead(500, { 'content-type': 'text/plain' });
        res.end(String(error));
      });
    });
  }

  static async start(options: StandInOptions = {}): Promise<SlackStandIn> {
    const standIn = new SlackStandIn(options);
    await new Promise<void>((resolve) => standIn.#server.listen(0, '127.0.0.1', resolve));
    const { port } = standIn.#server.address() as AddressInfo;
    standIn.#baseUrl = `http://127.0.0.1:${port}`;
    return standIn;
  }

  /** SLACK_API_URL for the adapter. */
  get apiUrl(): string {
    return `${this.#baseUrl}/api/`;
  }

  /** A fresh response_url whose posts land in `responses`. */
  responseUrl(): string {
    return `${this.#baseUrl}/response/${++this.#counter}`;
  }

  /** Makes the next call(s) of `method` fail as given, in order; `response_url` for the response URLs. */
  failNext(method: string, ...failures: Failure[]): void {
    this.#failures.set(method, [...(this.#failures.get(method) ?? []), ...failures]);
  }

  /** Answers `method` with `body` from now on (for methods without a built-in answer, like apps.connections.open). */
  answer(method: string, body: Record<string, unknown>): void {
    this.#answers.set(method, body);
  }

  callsTo(method: string): RecordedCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  reset(): void {
    this.calls.length = 0;
    this.responses.length = 0;
    this.uploads.length = 0;
    this.#failures.clear();
  }

  /** Waits until `probe` returns something other than undefined (polling), or fails after `timeoutMs`. */
  async waitFor<T>(probe: () => T | undefined, timeoutMs = 5000, what = 'the expected call'): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = probe();
      if (found !== undefined) return found;
      if (Date.now() > deadline) {
        throw new Error(
          `Timed out waiting for ${what}; calls so far: ${this.calls.map((c) => c.method).join(', ') || 'none'}; response_url posts: ${this.responses.length}`,
        );
      }
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  /**
   * Waits until no call has come for `quietMs`: the replies that follow an
   * acknowledgement (posted after it, one after another) have all been sent.
   */
  async settled(quietMs = 150, timeoutMs = 5000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const seen = this.#received;
      await new Promise((r) => setTimeout(r, quietMs));
      if (seen === this.#received) return;
      if (Date.now() > deadline) throw new Error(`Slack calls kept coming for ${timeoutMs} ms`);
    }
  }

  waitForCall(method: string, where: (c: RecordedCall) => boolean = () => true, timeoutMs?: number) {
    return this.waitFor(() => this.calls.find((c) => c.method === method && where(c)), timeoutMs, method);
  }

  waitForResponse(where: (r: ResponseUrlPost) => boolean = () => true, timeoutMs?: number) {
    return this.waitFor(() => this.responses.find(where), timeoutMs, 'a response_url post');
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve) => {
      this.#server.closeAllConnections();
      this.#server.close(() => resolve());
    });
    if (this.limitProblems.length > 0) {
      throw new Error(`The adapter sent payloads over Slack's limits:\n${this.limitProblems.join('\n')}`);
    }
  }

  /** Slack's limits for what `method` carries; the problems found are noted. */
  #overLimits(method: string, args: Record<string, unknown>): boolean {
    const isView = method.startsWith('views.');
    if (!isView && !MESSAGE_METHODS.has(method)) return false;
    const problems = isView
      ? viewProblems((args.view ?? {}) as Record<string, unknown>)
      : messageProblems(args);
    this.limitProblems.push(...problems.map((p) => `${method}: ${p}`));
    return problems.length > 0;
  }

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    this.#received += 1;
    const raw = await readBody(req);
    const url = new URL(req.url ?? '/', this.#baseUrl);
    if (url.pathname.startsWith('/response/')) {
      const failure = this.#failures.get('response_url')?.shift();
      if (failure && 'status' in failure) return send(res, failure.status, 'upstream error', 'text/plain');
      const body = JSON.parse(raw.toString('utf8') || '{}');
      if (this.#overLimits('response_url', body)) return send(res, 400, 'invalid_blocks', 'text/plain');
      this.responses.push({ path: url.pathname, body });
      return send(res, 200, 'ok', 'text/plain');
    }
    if (url.pathname.startsWith('/upload/')) {
      this.uploads.push({ fileId: url.pathname.slice('/upload/'.length), bytes: raw.length });
      return send(res, 200, 'OK - 1', 'text/plain');
    }
    const method = url.pathname.replace(/^\/api\//, '');
    const args = parseArgs(raw, String(req.headers['content-type'] ?? ''));
    const auth = String(req.headers.authorization ?? '');
    const token = auth.startsWith('Bearer ')
      ? auth.slice(7)
      : typeof args.token === 'string'
        ? args.token
        : undefined;
    const call: RecordedCall = { method, args, ...(token ? { token } : {}) };
    this.calls.push(call);

    if (this.#overLimits(method, args)) return sendJson(res, 200, { ok: false, error: 'invalid_blocks' });
    const failure = this.#failures.get(method)?.shift();
    if (failure) {
      if ('delayMs' in failure) await new Promise((r) => setTimeout(r, failure.delayMs));
      else if ('error' in failure) return sendJson(res, 200, { ok: false, error: failure.error });
      else if (failure.status === 429 && 'retryAfter' in failure) {
        res.writeHead(429, { 'content-type': 'application/json', 'retry-after': String(failure.retryAfter) });
        res.end(JSON.stringify({ ok: false, error: 'ratelimited' }));
        return;
      } else
        return send(
          res,
          failure.status,
          ('body' in failure && failure.body) || 'upstream error',
          'text/plain',
        );
    }
    call.answer = this.#answer(method, args);
    return sendJson(res, 200, call.answer);
  }

  #answer(method: string, args: Record<string, unknown>): Record<string, unknown> {
    const fixed = this.#answers.get(method);
    if (fixed) return fixed;
    const n = ++this.#counter;
    const ts = `1700000000.${String(n).padStart(6, '0')}`;
    switch (method) {
      case 'auth.test':
        return {
          ok: true,
          url: 'https://example.slack.com/',
          team: 'Example',
          user: 'pdsa-bot',
          team_id: this.#options.teamId,
          user_id: this.#options.botUserId,
          bot_id: this.#options.botId,
        };
      case 'chat.postMessage':
        return { ok: true, channel: args.channel, ts, message: { text: args.text, ts } };
      case 'chat.update':
        return { ok: true, channel: args.channel, ts: args.ts, text: args.text };
      case 'chat.postEphemeral':
        return { ok: true, message_ts: ts };
      case 'views.open':
      case 'views.update':
      case 'views.publish': {
        const view = (args.view ?? {}) as Record<string, unknown>;
        return { ok: true, view: { ...view, id: args.view_id ?? `V${n}`, hash: `h${n}` } };
      }
      case 'users.info': {
        const id = String(args.user);
        const u = this.users.get(id) ?? {};
        return {
          ok: true,
          user: {
            id,
            name: u.name ?? id.toLowerCase(),
            real_name: u.realName ?? `Person ${id}`,
            tz: u.tz ?? 'America/Chicago',
            profile: { display_name: u.displayName ?? '', real_name: u.realName ?? `Person ${id}` },
          },
        };
      }
      case 'conversations.open':
        return { ok: true, channel: { id: `D${String(args.users).replace(/^[UW]/, '')}` } };
      case 'files.getUploadURLExternal':
        return { ok: true, upload_url: `${this.#baseUrl}/upload/F${n}`, file_id: `F${n}` };
      case 'files.completeUploadExternal': {
        const files = (args.files ?? []) as { id: string; title?: string }[];
        return { ok: true, files: files.map((f) => ({ id: f.id, title: f.title ?? '' })) };
      }
      default:
        return { ok: true };
    }
  }
}

/** The methods that carry a message (text and blocks); response_url posts do too. */
const MESSAGE_METHODS = new Set([
  'chat.postMessage',
  'chat.postEphemeral',
  'chat.update',
  'chat.scheduleMessage',
  'response_url',
]);

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** The Web API client sends form-encoded arguments with objects as JSON strings; this undoes both. */
function parseArgs(raw: Buffer, contentType: string): Record<string, unknown> {
  const text = raw.toString('utf8');
  if (contentType.includes('application/json')) return text ? JSON.parse(text) : {};
  if (!contentType.includes('application/x-www-form-urlencoded')) return {};
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(parseQuery(text))) {
    const v = Array.isArray(value) ? value[0] : value;
    if (typeof v === 'string' && /^[[{]/.test(v)) {
      try {
        out[key] = JSON.parse(v);
        continue;
      } catch {
        // a string that merely starts with a bracket
      }
    }
    out[key] = v;
  }
  return out;
}

function send(res: ServerResponse, status: number, body: string, type: string): void {
  res.writeHead(status, { 'content-type': type });
  res.end(body);
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  send(res, status, JSON.stringify(body), 'application/json; charset=utf-8');
}
