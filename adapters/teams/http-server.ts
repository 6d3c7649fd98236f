import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Activity, TurnContext } from 'botbuilder';
import type { BotFrameworkAuthentication } from 'botframework-connector';
import type { Db } from '../../src/db/connect.ts';
import { readPublished } from '../../src/files/published-files.ts';
import { describeError, type Log } from '../../src/platform/log.ts';
import { FILES_PATH } from './card-links.ts';
import { checkRequest } from './inbound-auth.ts';
import { isLoopbackUrl } from './local-mode.ts';
import type { RefusalLog } from './refusals.ts';
import type { TurnAdapter } from './turn-adapter.ts';

export const MESSAGES_PATH = '/api/messages';
const MAX_BODY_BYTES = 1024 * 1024;

export type FileSource = { db: Db; clock: () => Date };

export type MessagesEndpoint = {
  adapter: TurnAdapter;
  /** The same authentication the adapter was made with. */
  authentication: BotFrameworkAuthentication;
  logic: (context: TurnContext) => Promise<void>;
  log: Log;
  refused: RefusalLog;
  files: FileSource;
  /** Local mode (the Agents Playground): only activities whose service URL is on this machine. */
  local?: boolean;
  /** How long a token's check may take (inbound-auth.ts). */
  checkTimeoutMs?: number;
};

/**
 * The messaging endpoint: POST /api/messages, JSON. The Bot Framework token
 * is checked first (inbound-auth.ts); a refused request gets its status and
 * an empty body, and one warn line in the log. An accepted one runs as a
 * turn of botbuilder's CloudAdapter. Beside it, GET /files/<token>/<name>
 * serves the charts and exports the cards link to (see card-links.ts):
 * Teams clients fetch them without credentials, so the unguessable token
 * is the key.
 */
export function createMessagesServer(endpoint: MessagesEndpoint): Server {
  const { log } = endpoint;
  return createServer((req, res) => {
    void handle(req, res).catch((error) => {
      log.error({ error: describeError(error) }, 'Teams: the messaging endpoint failed');
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    if (path.startsWith(FILES_PATH)) {
      await serveFile(endpoint.files, path, req, res);
      return;
    }
    if (path !== MESSAGES_PATH) {
      res.writeHead(404).end();
      return;
    }
    if (req.method !== 'POST') {
      res.writeHead(405, { allow: 'POST' }).end();
      return;
    }
    const body = await readJson(req);
    if (body === undefined || typeof body.type !== 'string' || body.type === '') {
      res
        .writeHead(400, { 'content-type': 'text/plain' })
        .end('Expected a JSON activity (with a type) of at most 1 MB.');
      return;
    }
    const activity = withDates(body) as unknown as Activity;
    const header = req.headers.authorization ?? '';
    const checked = await checkRequest(endpoint.authentication, activity, header, endpoint.checkTimeoutMs);
    if (!checked.ok) {
      endpoint.refused(checked, { remote: req.socket.remoteAddress });
      res.writeHead(checked.status).end();
      return;
    }
    if (endpoint.local && !isLoopbackUrl(activity.serviceUrl)) {
      endpoint.refused(
        {
          status: 401,
          reason: 'local mode answers only a connector on this machine (the Agents Playground)',
        },
        { remote: req.socket.remoteAddress },
      );
      res.writeHead(401).end();
      return;
    }
    const invoke = await endpoint.adapter.runTurn(checked.result, activity, endpoint.logic);
    if (invoke?.body === undefined || invoke.body === null) {
      res.writeHead(invoke?.status ?? 200).end();
      return;
    }
    res
      .writeHead(invoke.status, { 'content-type': 'application/json; charset=utf-8' })
      .end(JSON.stringify(invoke.body));
  }
}

/** As botbuilder reads an activity: its time stamps as dates, the text kept beside them. */
function withDates(body: Record<string, unknown>): Record<string, unknown> {
  const activity = { ...body };
  for (const [field, raw] of [
    ['timestamp', 'rawTimestamp'],
    ['localTimestamp', 'rawLocalTimestamp'],
    ['expiration', 'rawExpiration'],
  ] as const) {
    const value = activity[field];
    if (typeof value === 'string') {
      activity[raw] = value;
      activity[field] = new Date(value);
    }
  }
  return activity;
}

async function serveFile(
  files: FileSource,
  path: string,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { allow: 'GET, HEAD' }).end();
    return;
  }
  const token = path.slice(FILES_PATH.length).split('/')[0] ?? '';
  const file = await readPublished(files.db, token, files.clock());
  if (!file) {
    res
      .writeHead(404, { 'content-type': 'text/plain; charset=utf-8' })
      .end('This link has expired or never existed. Ask pdsa-bot again for a new one.');
    return;
  }
  const picture = file.contentType.startsWith('image/');
  res.writeHead(200, {
    'content-type': picture ? file.contentType : `${file.contentType}; charset=utf-8`,
    'content-length': file.bytes.byteLength,
    'x-content-type-options': 'nosniff',
    // A picture's token is its hash, so it never changes; an export is private.
    'cache-control': picture ? 'public, max-age=31536000, immutable' : 'private, no-store',
    'content-disposition': `${picture ? 'inline' : 'attachment'}; filename="${file.fileName}"`,
  });
  if (req.method === 'HEAD') res.end();
  else res.end(Buffer.from(file.bytes.buffer, file.bytes.byteOffset, file.bytes.byteLength));
}

async function readJson(req: IncomingMessage): Promise<Record<string, unknown> | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) return undefined;
    chunks.push(chunk as Buffer);
  }
  try {
    const parsed: unknown = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)
      ? (parsed as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}
