import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { Db } from '../db/connect.ts';
import { countByStatus, dispatchLagSeconds } from '../store/deliveries/reads.ts';

/** The service's Prometheus metrics; the outbox gauges are read from the database at scrape time. */
export function createMetrics(db: Db) {
  const registry = new Registry();
  const eventLatency = new Histogram({
    name: 'pdsa_event_handling_seconds',
    help: 'Time to handle one inbound event (command, reply, action, form), by kind and outcome',
    labelNames: ['kind', 'outcome'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [registry],
  });
  const digestsPosted = new Counter({
    name: 'pdsa_digests_posted_total',
    help: 'Weekly digests queued for posting by this process',
    registers: [registry],
  });
  new Gauge({
    name: 'pdsa_deliveries',
    help: 'Outbox rows by status',
    labelNames: ['status'] as const,
    registers: [registry],
    async collect() {
      const counts = await countByStatus(db);
      this.reset();
      for (const status of ['pending', 'sent', 'failed', 'cancelled'] as const) {
        this.set({ status }, counts.get(status) ?? 0);
      }
    },
  });
  new Gauge({
    name: 'pdsa_dispatch_lag_seconds',
    help: 'How long the oldest due outbox row has been waiting',
    registers: [registry],
    async collect() {
      this.set(await dispatchLagSeconds(db));
    },
  });
  return { registry, eventLatency, digestsPosted };
}

export type Metrics = ReturnType<typeof createMetrics>;
