import type { PlatformPacing } from '../../src/platform/pacing.ts';

// Per bot and conversation 7 messages a second but only 1,800 an hour, and
// about 50 a second per tenant.
export const teamsPacing: PlatformPacing = {
  conversation: { perSecond: 0.5, burst: 4 },
  workspace: { perSecond: 25, burst: 25 },
};
