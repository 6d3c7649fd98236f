import { describe, expect, it } from 'vitest';
import { authenticationFromConfig } from '../../../adapters/teams/authentication.ts';

const APP = '5f9c2a8e-3d41-4b7a-9e06-1c2d3e4f5a6b';
const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';

describe('authentication from the settings', () => {
  it('never runs without an app id (botbuilder would switch authentication off)', () => {
    expect(() => authenticationFromConfig({ appId: ' ', appType: 'MultiTenant', port: 0 })).toThrow(
      /MICROSOFT_APP_ID is empty/,
    );
  });

  it('builds for each kind of bot identity', () => {
    for (const config of [
      { appId: APP, appPassword: 'secret', appType: 'MultiTenant' as const, port: 0 },
      { appId: APP, appPassword: 'secret', tenantId: TENANT, appType: 'SingleTenant' as const, port: 0 },
      { appId: APP, tenantId: TENANT, appType: 'UserAssignedMSI' as const, port: 0 },
    ]) {
      const auth = authenticationFromConfig(config);
      expect(typeof auth.authenticateRequest).toBe('function');
    }
  });

  it('refuses a single-tenant bot without its tenant or password', () => {
    expect(() =>
      authenticationFromConfig({ appId: APP, appPassword: 'secret', appType: 'SingleTenant', port: 0 }),
    ).toThrow(/MicrosoftAppTenantId is required/);
    expect(() =>
      authenticationFromConfig({ appId: APP, tenantId: TENANT, appType: 'SingleTenant', port: 0 }),
    ).toThrow(/MicrosoftAppPassword is required/);
  });
});
