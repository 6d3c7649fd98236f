import { createServer, type Server } from 'node:http';
import { sql } from 'kysely';
import type { Db } from '../db/connect.ts';
import { migrationsCurrent } from '../db/migrate.ts';
import type { Metrics } from './metrics.ts';

export type ReadinessCheck = { name: string; check: () => Promise<boolean> | boolean };

export type OpsServerOptions = {
  db: Db;
  metrics: Metrics;
  checks: ReadinessCheck[];
  /** How long /readyz waits for its checks; one not done by then counts as not ready. */
  readinessBudgetMs?: number;
};

// Orchestrators give a readiness probe a second or a few; an answer that
// comes later is a failed probe, and one that never comes ties up a
// connection. So /readyz answers within this budget whatever the database
// does: a check still running then counts as failed.
const READINESS_BUDGET_MS = 1_500;

/**
 * /healthz: the process is up. /readyz: the database answers, migrations
 * are current, and every adapter is connected. /metrics: Prometheus.
 */
export function createOpsServer(deps: OpsServerOptions): Server {
  const budgetMs = deps.readinessBudgetMs ?? READINESS_BUDGET_MS;
  const probeDatabase = singleFlight(async () => {
    const database = await sql`select 1`.execute(deps.db).then(
      () => true,
      () => false,
    );
    const migrations = database ? await migrationsCurrent(deps.db).catch(() => false) : false;
    return { database, migrations };
  });

  async function readiness(): Promise<Record<string, boolean>> {
    let timer: NodeJS.Timeout | undefined;
    const timeUp = new Promise<'late'>((resolve) => {
      timer = setTimeout(() => resolve('late'), budgetMs);
    });
    const within = async <T>(work: () => Promise<T> | T, late: T): Promise<T> => {
      const settled = await Promise.race([Promise.resolve().then(work), timeUp]).catch(() => late);
      return settled === 'late' ? late : settled;
    };
    const [db, ...adapters] = await Promise.all([
      within(probeDatabase, { database: false, migrations: false }),
      ...deps.checks.map((c) => within(c.check, false)),
    ]);
    clearTimeout(timer);
    const results: Record<string, boolean> = { ...db };
    deps.checks.forEach((c, i) => {
      results[c.name] = adapters[i] === true;
    });
    return results;
  }

  return createServer(async (req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    try {
      if (req.method !== 'GET') {
        res.writeHead(405, { allow: 'GET' }).end();
        return;
      }
      if (path === '/healthz') {
        res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ok"}');
        return;
      }
      if (path === '/readyz') {
        const results = await readiness();
        const ready = Object.values(results).every(Boolean);
        res
          .writeHead(ready ? 200 : 503, { 'content-type': 'application/json' })
          .end(JSON.stringify({ ready, checks: results }));
        return;
      }
      if (path === '/metrics') {
        const body = await deps.metrics.registry.metrics();
        res.writeHead(200, { 'content-type': deps.metrics.registry.contentType }).end(body);
        return;
      }
      res.writeHead(404).end();
    } catch {
      if (!res.headersSent) res.writeHead(503).end();
    }
  });
}

/**
 * Runs `work` at most once at a time: callers that come while it runs share
 * its result. A probe stuck on a frozen database then holds one connection,
 * not one per request.
 */
function singleFlight<T>(work: () => Promise<T>): () => Promise<T> {
  let running: Promise<T> | undefined;
  return () => {
    running ??= work().finally(() => {
      running = undefined;
    });
    return running;
  };
}
