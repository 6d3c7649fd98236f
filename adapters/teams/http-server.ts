import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { CloudAdapter, TurnContext } from 'botbuilder';
import type { Db } from '../../src/db/connect.ts';
import { readPublished } from '../../src/files/published-files.ts';
import { FILES_PATH } from './card-links.ts';
import { errorText, type TeamsLog } from './log.ts';

export const MESSAGES_PATH = '/api/messages';
const MAX_BODY_BYTES = 1024 * 1024;

export type FileSource = { db: Db; clock: () => Date };

/**
 * The messaging endpoint: POST /api/messages, JSON, handed to botbuilder's
 * CloudAdapter, which checks the Bot Framework token and answers 401 when
 * it is missing or wrong. Beside it, GET /files/<token>/<name> serves the
 * charts and exports the cards link to (see card-links.ts): Teams clients
 * fetch them without credentials, so the unguessable token is the key.
 */
export function createMessagesServer(
  adapter: CloudAdapter,
  logic: (context: TurnContext) => Promise<void>,
  log: TeamsLog,
  files: FileSource,
): Server {
  return createServer((req, res) => {
    void handle(req, res).catch((error) => {
      log.error({ error: errorText(error) }, 'Teams: the messaging endpoint failed');
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    if (path.startsWith(FILES_PATH)) {
      await serveFile(files, path, req, res);
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
    if (body === undefined) {
      res.writeHead(400, { 'content-type': 'text/plain' }).end('Expected a JSON activity of at most 1 MB.');
      return;
    }
    await adapter.process({ body, headers: req.headers, method: req.method }, responseShim(res), logic);
  }
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

/** The express-like response botbuilder writes to. */
function responseShim(res: ServerResponse) {
  return {
    socket: res.socket,
    status(code: number) {
      res.statusCode = code;
    },
    header(name: string, value: unknown) {
      res.setHeader(name, String(value));
    },
    send(body: unknown) {
      if (body === undefined || body === null) return;
      if (typeof body === 'string' || Buffer.isBuffer(body)) {
        res.write(body);
        return;
      }
      if (!res.hasHeader('content-type')) res.setHeader('content-type', 'application/json; charset=utf-8');
      res.write(JSON.stringify(body));
    },
    end() {
      if (!res.writableEnded) res.end();
    },
  };
}
