import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { botHarness, seedNetwork } from '../bot/support/bot-harness.ts';
import { createTestDatabase, serverUrl, type TestDatabase } from '../support/test-db.ts';

type Sent = { id: string; to: string; summary: string; by: string };

// Two bot processes on one PostgreSQL database, their clocks moved hour by
// hour through a school week: every prompt, reminder and the weekly digest
// reaches its recipient exactly once. Needs a server (TEST_DATABASE_URL):
// PGlite is one process by design.
describe.skipIf(!serverUrl)('two bot processes on one database for a week', () => {
  let t: TestDatabase;
  const children: ChildProcess[] = [];
  const received: Sent[] = [];

  beforeAll(async () => {
    t = await createTestDatabase();
  });
  afterAll(async () => {
    for (const child of children) child.kill('SIGKILL');
    await t?.close();
  });

  it('delivers each prompt and the digest once', async () => {
    const s = await seedNetwork(t.db);
    await t.db
      .updateTable('networks')
      .set({
        digest_platform: 'shell',
        digest_address: { platform: 'shell', channel: 'nic' },
        digest_weekday: 1,
        digest_hour: 8,
      })
      .where('id', '=', s.network.id)
      .execute();
    const h = botHarness(t.db, new Date('2026-11-30T12:00:00Z')); // Monday 06:00 in Chicago
    await h.command('Fran', '/pdsa start Lincoln owner @Ana with @Ben for 1 week');

    const script = fileURLToPath(new URL('./scheduler-process.ts', import.meta.url));
    const waiters = new Map<ChildProcess, () => void>();
    for (const name of ['bot-a', 'bot-b']) {
      const child = fork(script, [serverUrl!, t.schema!, name], {
        execArgv: ['--import', 'tsx'],
        stdio: 'inherit',
      });
      children.push(child);
      await new Promise<void>((resolve) => {
        child.on('message', (m: { type: string } & Sent) => {
          if (m.type === 'sent') received.push(m);
          if (m.type === 'ready' || m.type === 'done') waiters.get(child)?.();
        });
        waiters.set(child, resolve);
      });
    }
    const tick = (at: Date) =>
      Promise.all(
        children.map(
          (child) =>
            new Promise<void>((resolve) => {
              waiters.set(child, resolve);
              child.send({ type: 'tick', at: at.toISOString() });
            }),
        ),
      );

    const start = new Date('2026-11-30T12:00:00Z').getTime();
    for (let hour = 0; hour <= 8 * 24; hour++) {
      const at = new Date(start + hour * 3_600_000);
      if (hour === 8) {
        // Monday 14:00: Ana plans, so Do opens for both at the midpoint.
        const plan = await t.db
          .selectFrom('checkins')
          .select('id')
          .where('phase', '=', 'plan')
          .executeTakeFirstOrThrow();
        h.setNow(at);
        await h.submit('Ana', `checkin:${plan.id}`, {
          question: 'Q',
          change: 'C',
          prediction: '18/24',
          logistics: 'L',
          dataCollection: 'D',
        });
      }
      await tick(at);
    }
    for (const child of children) child.send({ type: 'stop' });

    const sentRows = await t.db
      .selectFrom('deliveries')
      .select(['id', 'kind', 'message_ref'])
      .where('status', '=', 'sent')
      .execute();
    const refs = new Set(sentRows.map((r) => (r.message_ref as { id?: string } | null)?.id).filter(Boolean));
    const duplicates = received.filter((r) => !refs.has(r.id)).length;
    const count = (to: string, pattern: RegExp) =>
      received.filter((r) => r.to === to && pattern.test(r.summary)).length;
    expect(duplicates).toBe(0);
    expect(received.length).toBe(refs.size);
    expect(count('ana', /^Plan check-in/)).toBe(1);
    expect(count('ana', /^Do check-in/)).toBe(1);
    expect(count('ben', /^Do check-in/)).toBe(1);
    // Monday 7 Dec at 08:00: the digest of week 49, the network's first week with a cycle, as a
    // message and a thread of details (week 48, before the cycle, has no digest).
    const digests = await t.db.selectFrom('digests').select('iso_week').orderBy('iso_week').execute();
    expect(digests.map((d) => d.iso_week)).toEqual(['2026-W49']);
    const toChannel = received.filter((r) => r.to === 'nic');
    expect(toChannel).toHaveLength(2);
    expect(new Set(toChannel.map((r) => r.summary)).size).toBe(2);
  }, 240_000);
});
