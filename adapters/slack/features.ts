import type { PlatformFeatures } from '../../src/bot/platform-features.ts';

/** Slack has modals; people are named by mention (the command box completes them), never by bare name. */
export const slackFeatures: PlatformFeatures = {
  forms: true,
  namesArePeople: false,
  suggestMentions: true,
  addressForNewPerson: ({ workspaceId, userId }) => ({
    platform: 'slack',
    user: userId,
    workspace: workspaceId,
  }),
};
