import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { authenticationFromConfig } from '../../../adapters/teams/authentication.ts';
import { ANA, personalInstall, personalMessage } from './support/activities.ts';
import { cardsOf, cardText } from './support/cards.ts';
import { startTeamsHarness, type TeamsHarness } from './support/harness.ts';

// Local mode (PDSA_TEAMS_LOCAL=1) lets the bot be tried in Microsoft's
// Agents Playground, which sends activities without a Bot Framework token
// and takes replies without one. It answers only on this machine.

let h: TeamsHarness;
let atStart: TeamsHarness['logged'];
beforeAll(async () => {
  h = await startTeamsHarness(undefined, { local: true });
  atStart = [...h.logged];
});
afterAll(() => h.close());
beforeEach(() => h.reset());

describe('local Teams mode', () => {
  it('answers an activity that carries no token, and replies without one', async () => {
    expect((await h.post(personalInstall(h.env, ANA))).status).toBe(200);
    const [welcome] = h.standIn.posted();
    expect(cardText(cardsOf(welcome?.body)[0]!)).toContain('Welcome to pdsa-bot');
    expect(h.standIn.calls.map((c) => c.authorization)).toEqual(h.standIn.calls.map(() => undefined));
    expect((await h.post(personalMessage(h.env, ANA, 'help'))).status).toBe(200);
    expect(h.standIn.posted()).toHaveLength(2);
  });

  it('listens on this machine only, and says in the log that requests are not authenticated', () => {
    expect((h.teams.server.address() as AddressInfo).address).toBe('127.0.0.1');
    expect(atStart).toContainEqual(
      expect.objectContaining({
        level: 'warn',
        msg: 'Teams: local mode for the Agents Playground: requests are NOT authenticated; listening on this machine only',
      }),
    );
  });

  it('refuses an activity whose connector is not on this machine', async () => {
    const activity = {
      ...personalMessage(h.env, ANA, 'help'),
      serviceUrl: 'https://smba.trafficmanager.net/amer/',
    };
    expect(await h.post(activity)).toEqual({ status: 401, body: undefined });
    expect(h.standIn.calls).toEqual([]);
    expect(h.logged).toContainEqual(
      expect.objectContaining({ level: 'warn', msg: 'Teams: a request was refused' }),
    );
  });

  it('is the only way to run without an app id', () => {
    expect(() => authenticationFromConfig({ appId: '', appType: 'MultiTenant', port: 0 })).toThrow(
      /MICROSOFT_APP_ID is empty/,
    );
    expect(() =>
      authenticationFromConfig({ appId: '', appType: 'MultiTenant', port: 0, local: true }),
    ).not.toThrow();
  });
});
