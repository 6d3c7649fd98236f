import { shellFeatures } from '../../adapters/shell/features.ts';
import { slackFeatures } from '../../adapters/slack/features.ts';
import { teamsFeatures } from '../../adapters/teams/features.ts';
import { platformRegistry } from '../../src/bot/platform-features.ts';
import type { BotServices } from '../../src/bot/services.ts';
import { demoService } from '../../src/demo/demo-service.ts';
import { digestService } from '../../src/digest/digest-service.ts';

/** What the Slack, Teams and terminal adapters declare, for tests that build a bot without start-up. */
export const knownPlatforms = platformRegistry([
  { platform: 'slack', features: slackFeatures },
  { platform: 'teams', features: teamsFeatures },
  { platform: 'shell', features: shellFeatures },
]);

/** The digest and the demo as start-up gives them to the bot (the demo's people on the terminal). */
export const botServices: BotServices = {
  digest: digestService,
  demo: demoService({ platform: 'shell' }),
};
