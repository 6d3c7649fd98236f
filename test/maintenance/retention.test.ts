import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { applyRetention } from '../../src/maintenance/retention.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-db.ts';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.close());
beforeEach(() => t.reset());

const now = new Date('2026-11-22T12:00:00Z');
const daysAgo = (n: number) => new Date(now.getTime() - n * 86_400_000);

describe('retention', () => {
  it('blanks raw reply text older than the retention period and keeps newer text', async () => {
    const person = await t.db
      .insertInto('people')
      .values({ platform: 'shell', workspace_id: 'local', platform_user_id: 'ana', display_name: 'Ana' })
      .returning('id')
      .executeTakeFirstOrThrow();
    await t.db
      .insertInto('raw_replies')
      .values([
        {
          person_id: person.id,
          text: 'old note about a student',
          understood: true,
          received_at: daysAgo(40),
        },
        { person_id: person.id, text: 'recent note', understood: true, received_at: daysAgo(5) },
      ])
      .execute();
    const result = await applyRetention(t.db, now, 30);
    expect(result.repliesCleared).toBe(1);
    const texts = await t.db.selectFrom('raw_replies').select('text').orderBy('id').execute();
    expect(texts.map((r) => r.text)).toEqual([null, 'recent note']);
  });

  it('keeps every reply when no retention period is set', async () => {
    expect((await applyRetention(t.db, now, 0)).repliesCleared).toBe(0);
  });

  it('forgets inbound event ids after two days but never within a day', async () => {
    await t.db
      .insertInto('inbound_events')
      .values([
        { platform: 'slack', event_id: 'old', received_at: daysAgo(3) },
        { platform: 'slack', event_id: 'recent', received_at: new Date(now.getTime() - 20 * 3_600_000) },
      ])
      .execute();
    expect((await applyRetention(t.db, now, 0)).eventsPruned).toBe(1);
    expect(
      (await t.db.selectFrom('inbound_events').select('event_id').execute()).map((e) => e.event_id),
    ).toEqual(['recent']);
  });
});
