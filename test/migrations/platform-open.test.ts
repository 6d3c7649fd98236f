import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../support/test-db.ts';

// Migration 0006: a platform is whatever id its adapter registers, so a
// new platform needs no migration; the database still refuses ids that
// could not be one (the shape src/core/domain.ts accepts).

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.close());
beforeEach(() => t.reset());

describe('platform ids in the database', () => {
  it('takes a platform no migration named, in every table that records one', async () => {
    const person = await t.db
      .insertInto('people')
      .values({ platform: 'discord', workspace_id: 'G1', platform_user_id: 'u1', display_name: 'Ana' })
      .returning('id')
      .executeTakeFirstOrThrow();
    await t.db.insertInto('inbound_events').values({ platform: 'discord', event_id: 'Ev1' }).execute();
    await t.db.insertInto('installations').values({ platform: 'discord', workspace_id: 'G1' }).execute();
    await t.db
      .insertInto('networks')
      .values({ name: 'Literacy NIC', time_zone: 'UTC', digest_platform: 'discord' })
      .execute();
    expect(person.id).toBeGreaterThan(0);
  });

  it('refuses an id that is not one: capitals, spaces, or nothing', async () => {
    for (const platform of ['Slack', 'my platform', '']) {
      await expect(
        t.db
          .insertInto('inbound_events')
          .values({ platform, event_id: `Ev-${platform}` })
          .execute(),
      ).rejects.toThrow(/inbound_events_platform_id_check/);
    }
  });
});
