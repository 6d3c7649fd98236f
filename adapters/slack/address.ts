import type { Address } from '../../src/core/address.ts';

// What a Slack address holds. The adapter writes { team, channel, user } and,
// for an organisation-wide (Enterprise Grid) installation, `enterprise`; the
// core writes { user, workspace } for someone it has only seen mentioned.

export type SlackAddress = {
  platform: 'slack';
  team?: string;
  enterprise?: string;
  /** A DM (D…) or channel (C…, G…) id. Without it, a DM is opened with `user`. */
  channel?: string;
  user?: string;
};

const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

export function readSlackAddress(address: Address): SlackAddress {
  const team = str(address.team) ?? str(address.workspace);
  const enterprise = str(address.enterprise);
  const channel = str(address.channel);
  const user = str(address.user);
  return {
    platform: 'slack',
    ...(team ? { team } : {}),
    ...(enterprise ? { enterprise } : {}),
    ...(channel ? { channel } : {}),
    ...(user ? { user } : {}),
  };
}

/** Which installation serves an address: an org-wide one by enterprise id, else by team id. */
export type WorkspaceKey = { teamId?: string; enterpriseId?: string; isEnterpriseInstall: boolean };

export function workspaceKeyOf(address: SlackAddress): WorkspaceKey {
  return address.enterprise
    ? { enterpriseId: address.enterprise, teamId: address.team, isEnterpriseInstall: true }
    : { teamId: address.team, isEnterpriseInstall: false };
}

/**
 * How the outbox's pacer should group Slack sends (part of pacing.ts): one
 * bucket per workspace, one per conversation,
 * whichever of the adapter's `team` or the core's `workspace` names it.
 */
export const slackPacingKeys = {
  workspaceKey(address: Address): string {
    const a = readSlackAddress(address);
    return a.enterprise ?? a.team ?? '*';
  },
  conversationKey(address: Address): string {
    const a = readSlackAddress(address);
    // A DM is the same conversation whether the address names its channel or only the person.
    const dm = !a.channel || a.channel.startsWith('D');
    return `${a.team ?? a.enterprise ?? '*'}:${(dm ? (a.user ?? a.channel) : a.channel) ?? '*'}`;
  },
};
