import type { PlatformFeatures } from '../../src/bot/platform-features.ts';

/** Teams has Adaptive Card forms; people are named by mention. */
export const teamsFeatures: PlatformFeatures = {
  forms: true,
  namesArePeople: false,
  suggestMentions: false,
  addressForNewPerson: ({ workspaceId, userId }) => ({
    platform: 'teams',
    user: userId,
    workspace: workspaceId,
  }),
};
