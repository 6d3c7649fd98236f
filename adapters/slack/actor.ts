import type { Actor } from '../../src/bot/inbound.ts';
import type { SlackAddress } from './address.ts';
import type { Profile } from './slack-directory.ts';

export type ActorSource = {
  /** The workspace (team) the person acted in; the enterprise id when Slack sends no team. */
  team: string;
  /** Set for an organisation-wide installation, so that replies find its token. */
  enterprise?: string;
  user: string;
  /** Their DM with the bot, when known. */
  dmChannel?: string;
  profile?: Profile;
};

/** The core's view of a Slack user: ids, name and time zone from users.info, and where to DM them. */
export function slackActor(source: ActorSource): Actor {
  const address: SlackAddress = {
    platform: 'slack',
    team: source.team,
    ...(source.enterprise ? { enterprise: source.enterprise } : {}),
    ...(source.dmChannel ? { channel: source.dmChannel } : {}),
    user: source.user,
  };
  return {
    platform: 'slack',
    workspaceId: source.team,
    userId: source.user,
    ...(source.profile?.displayName ? { displayName: source.profile.displayName } : {}),
    ...(source.profile?.timeZone ? { timeZone: source.profile.timeZone } : {}),
    address,
  };
}
