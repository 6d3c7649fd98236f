import type { Installation } from '@slack/bolt';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { BOT_SCOPES } from '../../../adapters/slack/scopes.ts';
import type { PostgresInstallationStore } from '../../../adapters/slack/store.ts';
import { textMessage } from '../../../src/core/message-model.ts';
import { DeliveryError } from '../../../src/platform/platform-port.ts';
import { createTestDatabase, type TestDatabase } from '../../support/test-db.ts';
import { type SlackHarness, startSlackHarness } from './support/slack-harness.ts';

// Several workspaces: Bolt's OAuth flow stores each installation in
// Postgres, and every request and every outbound message uses the token of
// the workspace it belongs to.

let database: TestDatabase;
let slack: SlackHarness;
let store: PostgresInstallationStore;

const installation = (team: string, token: string): Installation<'v2', false> => ({
  team: { id: team, name: `Team ${team}` },
  enterprise: undefined,
  user: { id: 'U1', token: undefined, scopes: undefined },
  bot: { id: `B${team}`, userId: `UB${team}`, token, scopes: [...BOT_SCOPES] },
  appId: 'A111',
  tokenType: 'bot',
  isEnterpriseInstall: false,
  authVersion: 'v2',
});

beforeAll(async () => {
  database = await createTestDatabase();
  slack = await startSlackHarness({
    db: database.db,
    config: {
      botToken: undefined,
      oauth: { clientId: '111.222', clientSecret: 'client-secret', stateSecret: 'state-secret' },
    },
  });
  store = slack.adapter.installationStore as PostgresInstallationStore;
});
afterAll(async () => {
  await slack?.close();
  await database?.close();
});
beforeEach(() => slack.standIn.reset());

describe('installing in several workspaces', () => {
  it('runs the OAuth flow: /slack/install redirects to Slack with our scopes, the redirect stores the installation', async () => {
    const install = await fetch(slack.url.replace('/slack/events', '/slack/install'), { redirect: 'manual' });
    expect(install.status).toBe(302);
    const to = new URL(install.headers.get('location')!);
    expect(to.pathname).toBe('/oauth/v2/authorize');
    expect(to.searchParams.get('client_id')).toBe('111.222');
    expect(to.searchParams.get('scope')!.split(',').sort()).toEqual([...BOT_SCOPES].sort());
    const state = to.searchParams.get('state')!;
    const cookie = install.headers.get('set-cookie')!.split(';')[0]!;

    slack.standIn.answer('oauth.v2.access', {
      ok: true,
      app_id: 'A111',
      authed_user: { id: 'U1' },
      scope: BOT_SCOPES.join(','),
      token_type: 'bot',
      access_token: 'xoxb-team-t500',
      bot_user_id: 'UB500',
      team: { id: 'T500', name: 'Lincoln District' },
      enterprise: null,
      is_enterprise_install: false,
    });
    const back = await fetch(
      `${slack.url.replace('/slack/events', '/slack/oauth_redirect')}?code=abc&state=${encodeURIComponent(state)}`,
      { headers: { cookie }, redirect: 'manual' },
    );
    expect(back.status).toBe(200);
    const row = await database.db
      .selectFrom('installations')
      .selectAll()
      .where('workspace_id', '=', 'T500')
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ platform: 'slack', name: 'Lincoln District', enterprise_id: null });
    expect((row.credentials as Installation).bot?.token).toBe('xoxb-team-t500');
  });

  it("answers each workspace's events with that workspace's token, and refuses a workspace without one", async () => {
    await store.storeInstallation(installation('T222', 'xoxb-team-t222'));
    const res = await slack.dm({
      text: 'hello',
      eventId: 'EvT222',
      team: 'T222',
      user: 'U222',
      channel: 'D222',
    });
    expect(res.status).toBe(200);
    const reply = await slack.standIn.waitForCall('chat.postMessage', (c) => c.args.channel === 'D222');
    expect(reply.token).toBe('xoxb-team-t222');

    const stranger = await slack.dm({
      text: 'hello',
      eventId: 'EvT999',
      team: 'T999',
      user: 'U999',
      channel: 'D999',
    });
    expect(stranger.status).toBe(401);
  });

  it("sends outbound messages with the addressed workspace's token; a workspace without one is permanent", async () => {
    await store.storeInstallation(installation('T333', 'xoxb-team-t333'));
    await slack.adapter.port.send(
      { platform: 'slack', team: 'T333', channel: 'C333' },
      textMessage('digest'),
    );
    expect(slack.standIn.callsTo('chat.postMessage')[0]?.token).toBe('xoxb-team-t333');
    const error = await slack.adapter.port
      .send({ platform: 'slack', team: 'T404', channel: 'C1' }, textMessage('x'))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DeliveryError);
    expect((error as DeliveryError).kind).toBe('permanent');
  });

  it('stores an organisation-wide installation under its enterprise id and finds it for any of its teams', async () => {
    await store.storeInstallation({
      ...installation('T0', 'xoxb-org'),
      team: undefined,
      enterprise: { id: 'E777', name: 'State network' },
      isEnterpriseInstall: true,
    } as unknown as Installation<'v2', true>);
    const found = await store.fetchInstallation({
      enterpriseId: 'E777',
      teamId: 'T778',
      isEnterpriseInstall: true,
    });
    expect(found.bot?.token).toBe('xoxb-org');
    await store.deleteInstallation({ enterpriseId: 'E777', teamId: undefined, isEnterpriseInstall: true });
    const row = await database.db
      .selectFrom('installations')
      .selectAll()
      .where('workspace_id', '=', 'E777')
      .execute();
    expect(row).toEqual([]);
  });
});
