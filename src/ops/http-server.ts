import { createServer, type Server } from 'node:http';
import { sql } from 'kysely';
import type { Db } from '../db/connect.ts';
import { migrationsCurrent } from '../db/migrate.ts';
import type { Metrics } from './metrics.ts';

export type ReadinessCheck = { name: string; check: () => Promise<boolean> | boolean };

/**
 * /healthz: the process is up. /readyz: the database answers, migrations
 * are current, and every adapter is connected. /metrics: Prometheus.
 */
export function createOpsServer(deps: { db: Db; metrics: Metrics; checks: ReadinessCheck[] }): Server {
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
        const results: Record<string, boolean> = {};
        results.database = await sql`select 1`.execute(deps.db).then(
          () => true,
          () => false,
        );
        results.migrations = results.database ? await migrationsCurrent(deps.db).catch(() => false) : false;
        for (const c of deps.checks) results[c.name] = await Promise.resolve(c.check()).catch(() => false);
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
