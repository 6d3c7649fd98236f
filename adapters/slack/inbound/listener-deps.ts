import type { Context, webApi } from '@slack/bolt';
import type { Bot } from '../../../src/bot/bot.ts';
import type { Actor } from '../../../src/bot/inbound.ts';
import type { Log } from '../../../src/platform/log.ts';
import { slackActor } from '../actor.ts';
import type { SlackAddress } from '../address.ts';
import type { SlackDirectory } from '../slack-directory.ts';
import type { WorkGate } from '../work-gate.ts';

/** What every listener needs. */
export type ListenerDeps = {
  bot: Bot;
  directory: SlackDirectory;
  log: Log;
  /** Where commands and buttons do their work once acknowledged (see work-gate.ts). */
  afterAck: WorkGate;
};

/** Who acted, and in which installation. */
export type Who = { team: string; enterprise?: string; user: string };

/** The workspace of an event as Bolt resolved it; org-wide installations keep their enterprise id. */
export function whoFrom(context: Context, user: string, teamFromPayload?: string | null): Who {
  const team = teamFromPayload || context.teamId || context.enterpriseId || 'unknown';
  const enterprise = context.isEnterpriseInstall ? context.enterpriseId : undefined;
  return { team, ...(enterprise ? { enterprise } : {}), user };
}

/** The conversation an event came from, as a core address (used by `network channel here`). */
export function conversationOf(who: Who, channel: string | undefined): SlackAddress | undefined {
  if (!channel) return undefined;
  return {
    platform: 'slack',
    team: who.team,
    ...(who.enterprise ? { enterprise: who.enterprise } : {}),
    channel,
  };
}

export type ActorOptions = {
  /** The channel the event came from, used as the person's DM when it is one (D…). */
  dmChannel?: string;
  /** Open the DM (conversations.open) when it is not known yet. Only after the ack: it costs a call. */
  openDm?: boolean;
  /** How long users.info may take before the core gets the event without a fresh name and time zone. */
  budgetMs?: number;
  /**
   * The event is acknowledged only after the core: a name and time zone
   * known from before (even over an hour old) are good enough, and the
   * fresh ones users.info gives meanwhile serve the next event.
   */
  staleOk?: boolean;
};

export async function actorOf(
  deps: ListenerDeps,
  client: webApi.WebClient,
  who: Who,
  options: ActorOptions = {},
): Promise<Actor> {
  // DM channel ids start with D; anything else is not a way to reach the person privately.
  const given = options.dmChannel?.startsWith('D') ? options.dmChannel : undefined;
  if (given) deps.directory.rememberDm(who.team, who.user, given);
  let dmChannel = given ?? deps.directory.knownDm(who.team, who.user);
  const [profile, opened] = await Promise.all([
    deps.directory.profile(client, who.team, who.user, options.budgetMs, options.staleOk),
    !dmChannel && options.openDm
      ? deps.directory.dmChannel(client, who.team, who.user).catch(() => undefined)
      : Promise.resolve(undefined),
  ]);
  dmChannel ??= opened;
  return slackActor({
    team: who.team,
    ...(who.enterprise ? { enterprise: who.enterprise } : {}),
    user: who.user,
    ...(dmChannel ? { dmChannel } : {}),
    ...(profile ? { profile } : {}),
  });
}

export function errorFields(error: unknown): Record<string, unknown> {
  const e = error as Error;
  return { error: e?.name ?? 'Error', reason: e?.message ?? String(error) };
}
