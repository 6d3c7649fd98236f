import { shellFeatures } from '../../adapters/shell/features.ts';
import { slackFeatures } from '../../adapters/slack/features.ts';
import { teamsFeatures } from '../../adapters/teams/features.ts';
import { platformRegistry } from '../../src/bot/platform-features.ts';

/** What the Slack, Teams and terminal adapters declare, for tests that build a bot without start-up. */
export const knownPlatforms = platformRegistry([
  { platform: 'slack', features: slackFeatures },
  { platform: 'teams', features: teamsFeatures },
  { platform: 'shell', features: shellFeatures },
]);
