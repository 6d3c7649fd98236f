import type { Installation } from '@slack/bolt';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SLACK_REMOVED_REASON } from '../../../adapters/slack/inbound/app-removed.ts';
import { BOT_SCOPES } from '../../../adapters/slack/scopes.ts';
import type { PostgresInstallationStore } from '../../../adapters/slack/store.ts';
import { createTestDatabase, type TestDatabase } from '../../support/test-db.ts';
import { appRemovalEvent } from './support/payloads.ts';
import { type SlackHarness, startSlackHarness } from './support/slack-harness.ts';
import { seedSlackNetwork } from './support/slack-seed.ts';

// A workspace that removes the app: Slack says so (app_uninstalled, or the
// bot token in tokens_revoked) and nobody there can be written to any more.
// The bot learns it then, not from a failed prompt a day later.

let database: TestDatabase;
let single: SlackHarness;
let oauth: SlackHarness;
let event = 0;

beforeAll(async () => {
  database = await createTestDatabase();
  single = await startSlackHarness({ db: database.db });
  oauth = await startSlackHarness({
    db: database.db,
    config: {
      botToken: undefined,
      oauth: { clientId: '111.222', clientSecret: 'client-secret', stateSecret: 'state-secret' },
    },
  });
});
afterAll(async () => {
  await oauth?.close();
  await single?.close();
  await database?.close();
});
beforeEach(() => database.reset());

const people = () =>
  database.db
    .selectFrom('people')
    .select(['platform_user_id', 'unreachable_reason'])
    .orderBy('platform_user_id')
    .execute();

const installation = (team: string): Installation<'v2', false> => ({
  team: { id: team, name: `Team ${team}` },
  enterprise: undefined,
  user: { id: 'U1', token: undefined, scopes: undefined },
  bot: { id: `B${team}`, userId: `UB${team}`, token: `xoxb-${team}`, scopes: [...BOT_SCOPES] },
  appId: 'A111',
  tokenType: 'bot',
  isEnterpriseInstall: false,
  authVersion: 'v2',
});

describe('the app removed from a workspace', () => {
  it('marks everyone there unreachable, once, even when Slack sends the event again', async () => {
    await seedSlackNetwork(database.db);
    const body = appRemovalEvent({ type: 'app_uninstalled', eventId: `EvRemoved${++event}` });
    expect((await single.event(body)).status).toBe(200);
    expect((await single.event(body, { retryNum: 1, retryReason: 'http_timeout' })).status).toBe(200);
    expect(await people()).toEqual([
      { platform_user_id: 'U100', unreachable_reason: SLACK_REMOVED_REASON },
      { platform_user_id: 'U300', unreachable_reason: SLACK_REMOVED_REASON },
    ]);
  });

  it('a revoked bot token does the same; revoked user tokens change nothing', async () => {
    await seedSlackNetwork(database.db);
    await single.event(
      appRemovalEvent({
        type: 'tokens_revoked',
        eventId: `EvRevoked${++event}`,
        tokens: { oauth: ['U100'] },
      }),
    );
    expect((await people()).every((p) => p.unreachable_reason === null)).toBe(true);
    await single.event(
      appRemovalEvent({ type: 'tokens_revoked', eventId: `EvRevoked${++event}`, tokens: { bot: ['UBOT'] } }),
    );
    expect((await people()).every((p) => p.unreachable_reason === SLACK_REMOVED_REASON)).toBe(true);
  });

  it('with OAuth: deletes the installation, and installing again makes its people reachable', async () => {
    const store = oauth.adapter.installationStore as PostgresInstallationStore;
    await store.storeInstallation(installation('T222'));
    await seedSlackNetwork(database.db, 'T222');
    // Someone in another workspace, which keeps the app.
    await database.db
      .insertInto('people')
      .values({ platform: 'slack', workspace_id: 'T333', platform_user_id: 'U900', display_name: 'Lee' })
      .execute();

    expect(
      (
        await oauth.event(
          appRemovalEvent({ type: 'app_uninstalled', team: 'T222', eventId: `EvRm${++event}` }),
        )
      ).status,
    ).toBe(200);
    expect(await database.db.selectFrom('installations').select('workspace_id').execute()).toEqual([]);
    const byWorkspace = async () =>
      database.db
        .selectFrom('people')
        .select(['workspace_id', 'unreachable_reason'])
        .orderBy('workspace_id')
        .orderBy('platform_user_id')
        .execute();
    expect(await byWorkspace()).toEqual([
      { workspace_id: 'T222', unreachable_reason: SLACK_REMOVED_REASON },
      { workspace_id: 'T222', unreachable_reason: SLACK_REMOVED_REASON },
      { workspace_id: 'T333', unreachable_reason: null },
    ]);

    await store.storeInstallation(installation('T222'));
    expect((await byWorkspace()).every((p) => p.unreachable_reason === null)).toBe(true);
  });
});
