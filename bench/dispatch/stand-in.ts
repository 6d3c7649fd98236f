import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

// A stand-in for a chat platform's "post a message" endpoint, on loopback,
// that enforces the kind of limits Slack does: so many messages a second per
// conversation and per workspace, answering 429 with Retry-After beyond them.
// It remembers every message it accepted, so the bench can count what was
// lost and what came twice.

export type Limits = {
  conversationPerSecond: number;
  conversationBurst: number;
  workspacePerSecond: number;
  workspaceBurst: number;
};

export type StandInStats = {
  accepted: number;
  unique: number;
  duplicates: number;
  rejected429: number;
  firstAcceptedAt: number | null;
  lastAcceptedAt: number | null;
};

export type StandIn = {
  url: string;
  /** Messages accepted per key (conversation + summary). */
  accepted: Map<string, number>;
  stats(): StandInStats;
  close(): Promise<void>;
};

// GCRA (the "virtual scheduling" form of a token bucket): a request conforms
// when it arrives no earlier than the theoretical arrival time less the burst
// tolerance.
type Cell = { tat: number };

function limiter(perSecond: number, burst: number) {
  const interval = 1000 / perSecond;
  const tolerance = (burst - 1) * interval;
  const cells = new Map<string, Cell>();
  return {
    /** 0 when `key` may send at `now`, else milliseconds to wait. */
    wait(key: string, now: number): number {
      const tat = cells.get(key)?.tat ?? now;
      return Math.max(0, tat - tolerance - now);
    },
    spend(key: string, now: number): void {
      const cell = cells.get(key) ?? { tat: now };
      cell.tat = Math.max(cell.tat, now) + interval;
      cells.set(key, cell);
    },
  };
}

export async function startStandIn(limits: Limits): Promise<StandIn> {
  const conversation = limiter(limits.conversationPerSecond, limits.conversationBurst);
  const workspace = limiter(limits.workspacePerSecond, limits.workspaceBurst);
  const accepted = new Map<string, number>();
  let total = 0;
  let rejected = 0;
  let first: number | null = null;
  let last: number | null = null;
  let ts = 0;

  const server: Server = createServer(async (req, res) => {
    if (req.method !== 'POST' || req.url !== '/chat.postMessage') {
      res.writeHead(404).end();
      return;
    }
    const body = JSON.parse(await readBody(req)) as { workspace: string; channel: string; text: string };
    const now = performance.now();
    const wait = Math.max(conversation.wait(body.channel, now), workspace.wait(body.workspace, now));
    if (wait > 0) {
      rejected++;
      // Slack gives whole seconds.
      res.writeHead(429, {
        'content-type': 'application/json',
        'retry-after': String(Math.ceil(wait / 1000)),
      });
      res.end(JSON.stringify({ ok: false, error: 'ratelimited' }));
      return;
    }
    conversation.spend(body.channel, now);
    workspace.spend(body.workspace, now);
    const key = `${body.channel}|${body.text}`;
    accepted.set(key, (accepted.get(key) ?? 0) + 1);
    total++;
    first ??= now;
    last = now;
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ ok: true, channel: body.channel, ts: `${Date.now() / 1000}.${++ts}` }));
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    accepted,
    stats: () => ({
      accepted: total,
      unique: accepted.size,
      duplicates: total - accepted.size,
      rejected429: rejected,
      firstAcceptedAt: first,
      lastAcceptedAt: last,
    }),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
