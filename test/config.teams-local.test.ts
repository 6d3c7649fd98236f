import { describe, expect, it } from 'vitest';
import { parseConfig } from '../src/main.ts';

// PDSA_TEAMS_LOCAL=1: Teams for Microsoft's Agents Playground on this
// machine, without credentials. Never next to anything that means a real
// Teams deployment; production settings are unchanged.

const teamsOf = (env: Record<string, string>) => {
  const result = parseConfig(env);
  return result.ok ? result.config.teams : result.problems;
};

describe('local Teams mode', () => {
  it('needs no credentials, and serves charts to the Playground over http on this machine', () => {
    expect(teamsOf({ PDSA_TEAMS_LOCAL: '1' })).toEqual({
      appId: '',
      appType: 'MultiTenant',
      port: 3978,
      local: true,
      publicUrl: 'http://127.0.0.1:3978',
    });
    expect(teamsOf({ PDSA_TEAMS_LOCAL: 'true', TEAMS_PORT: '4010' })).toMatchObject({
      port: 4010,
      publicUrl: 'http://127.0.0.1:4010',
    });
    expect(
      teamsOf({ PDSA_TEAMS_LOCAL: '1', TEAMS_PUBLIC_URL: 'http://localhost:3978/api/messages' }),
    ).toMatchObject({ publicUrl: 'http://localhost:3978' });
  });

  it('is off unless asked for', () => {
    expect(teamsOf({})).toBeUndefined();
    expect(teamsOf({ PDSA_TEAMS_LOCAL: '0' })).toBeUndefined();
    expect(teamsOf({ PDSA_TEAMS_LOCAL: 'maybe' })).toEqual(['PDSA_TEAMS_LOCAL: expected 1 (on) or 0 (off)']);
  });

  it('refuses to run next to credentials or a public host, or to serve files elsewhere', () => {
    expect(teamsOf({ PDSA_TEAMS_LOCAL: '1', MICROSOFT_APP_ID: 'abc', MICROSOFT_APP_PASSWORD: 'pw' })).toEqual(
      [
        expect.stringMatching(
          /^PDSA_TEAMS_LOCAL: local mode is for the Agents Playground without Microsoft credentials/,
        ),
      ],
    );
    expect(teamsOf({ PDSA_TEAMS_LOCAL: '1', TEAMS_BOT_DOMAIN: 'pdsa.example.org' })).toEqual([
      expect.stringMatching(/^PDSA_TEAMS_LOCAL: local mode accepts requests without a Bot Framework token/),
    ]);
    expect(teamsOf({ PDSA_TEAMS_LOCAL: '1', TEAMS_PUBLIC_URL: 'https://pdsa.example.org' })).toEqual([
      'TEAMS_PUBLIC_URL: in local mode (PDSA_TEAMS_LOCAL) expected an address on this machine such as http://127.0.0.1:3978',
    ]);
  });

  it('leaves production as it was: credentials required, pictures only from https', () => {
    expect(teamsOf({ MICROSOFT_APP_PASSWORD: 'pw' })).toEqual([
      "MICROSOFT_APP_ID: missing; copy the bot's Microsoft App ID from its Azure Bot resource",
    ]);
    expect(
      teamsOf({
        MICROSOFT_APP_ID: 'abc',
        MICROSOFT_APP_PASSWORD: 'pw',
        TEAMS_PUBLIC_URL: 'http://127.0.0.1:3978',
      }),
    ).toEqual(['TEAMS_PUBLIC_URL: Teams shows pictures only from https addresses; got http:']);
    const production = teamsOf({ MICROSOFT_APP_ID: 'abc', MICROSOFT_APP_PASSWORD: 'pw' });
    expect(production).toMatchObject({ appId: 'abc' });
    expect(production).not.toHaveProperty('local');
  });
});
