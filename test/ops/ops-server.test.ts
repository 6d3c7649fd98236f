import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/connect.ts';
import { openDatabase } from '../../src/db/connect.ts';
import { createOpsServer, type ReadinessCheck } from '../../src/ops/http-server.ts';
import { createLogger } from '../../src/ops/logger.ts';
import { createMetrics } from '../../src/ops/metrics.ts';
import { startStallingProxy } from '../db/support/stalling-proxy.ts';
import { createTestDatabase, serverUrl, type TestDatabase } from '../support/test-db.ts';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.close());

async function serve(adapterConnected: boolean | ReadinessCheck['check'], db: Db = t.db) {
  const metrics = createMetrics(db);
  const server = createOpsServer({
    db,
    metrics,
    checks: [
      {
        name: 'slack',
        check: typeof adapterConnected === 'function' ? adapterConnected : () => adapterConnected,
      },
    ],
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { metrics, base, close: () => new Promise((resolve) => server.close(resolve)) };
}

describe('operations endpoints', () => {
  it('reports the process up, and ready only when the database, migrations and adapters are', async () => {
    const ok = await serve(true);
    expect((await fetch(`${ok.base}/healthz`)).status).toBe(200);
    const ready = await fetch(`${ok.base}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({
      ready: true,
      checks: { database: true, migrations: true, slack: true },
    });
    await ok.close();

    const notConnected = await serve(false);
    const notReady = await fetch(`${notConnected.base}/readyz`);
    expect(notReady.status).toBe(503);
    expect(((await notReady.json()) as { checks: Record<string, boolean> }).checks.slack).toBe(false);
    await notConnected.close();
  });

  // Orchestrators give up on a probe after a second or a few: an answer
  // must come in time, whatever a check does.
  const readyz = (base: string) => fetch(`${base}/readyz`, { signal: AbortSignal.timeout(2_000) });

  it('answers within 2 s, not ready, when a check never finishes', async () => {
    const s = await serve(() => new Promise<boolean>(() => {}));
    const answer = await readyz(s.base);
    expect(answer.status).toBe(503);
    expect(await answer.json()).toEqual({
      ready: false,
      checks: { database: true, migrations: true, slack: false },
    });
    await s.close();
  });

  it.skipIf(!serverUrl)(
    'answers within 2 s, not ready, while the database does not answer, holding one connection however often it is asked; ready again once it answers',
    async () => {
      const proxy = await startStallingProxy(serverUrl!);
      const database = await openDatabase(
        { kind: 'postgres', url: proxy.url },
        { searchPath: t.schema!, poolSize: 10 },
      );
      const s = await serve(true, database.db);
      try {
        expect((await readyz(s.base)).status).toBe(200);
        const before = proxy.openConnections();
        proxy.stall({ newConnections: true });
        for (let i = 0; i < 5; i++) {
          const answer = await readyz(s.base);
          expect(answer.status).toBe(503);
          expect(((await answer.json()) as { checks: Record<string, boolean> }).checks.database).toBe(false);
        }
        expect(proxy.openConnections()).toBe(before);
        proxy.resume();
        let status = 0;
        for (let i = 0; i < 20 && status !== 200; i++) status = (await readyz(s.base)).status;
        expect(status).toBe(200);
      } finally {
        proxy.resume();
        await s.close();
        await database.close();
        await proxy.close();
      }
    },
  );

  it('exposes deliveries by status, dispatch lag, event latency and digests in Prometheus format', async () => {
    await t.db
      .insertInto('deliveries')
      .values({
        kind: 'prompt',
        dedupe_key: 'k1',
        platform: 'shell',
        address: { platform: 'shell' },
        payload: { type: 'message', message: { summary: 'hi', blocks: [] } },
        due_at: new Date(Date.now() - 60_000),
      })
      .execute();
    const s = await serve(true);
    s.metrics.eventLatency.observe({ kind: 'command', outcome: 'ok' }, 0.02);
    s.metrics.digestsPosted.inc();
    const body = await (await fetch(`${s.base}/metrics`)).text();
    expect(body).toContain('pdsa_deliveries{status="pending"} 1');
    expect(body).toMatch(/pdsa_dispatch_lag_seconds (5\d|6\d)\./);
    expect(body).toContain('pdsa_event_handling_seconds_count{kind="command",outcome="ok"} 1');
    expect(body).toContain('pdsa_digests_posted_total 1');
    await s.close();
  });
});

describe('logs', () => {
  it('are JSON lines that never carry a token or a message text', async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _enc, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const log = createLogger('info', sink);
    log.info(
      {
        eventId: 'Ev1',
        botToken: 'xoxb-secret',
        text: 'a student name',
        headers: { authorization: 'Bearer x' },
      },
      'event handled',
    );
    const entry = JSON.parse(lines[0]!);
    expect(entry).toMatchObject({ eventId: 'Ev1', msg: 'event handled', service: 'pdsa-bot' });
    expect(lines[0]).not.toContain('xoxb-secret');
    expect(lines[0]).not.toContain('a student name');
    expect(lines[0]).not.toContain('Bearer x');
  });
});
