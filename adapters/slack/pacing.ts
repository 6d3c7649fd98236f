import type { PlatformPacing } from '../../src/platform/pacing.ts';
import { slackPacingKeys } from './address.ts';

// chat.postMessage allows about one message per second per channel, with
// short bursts, under a workspace-wide limit Slack does not publish
// (several hundred a minute in practice).
export const slackPacing: PlatformPacing = {
  conversation: { perSecond: 1, burst: 1 },
  workspace: { perSecond: 5, burst: 10 },
  ...slackPacingKeys,
};
