import { ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import type { BotFrameworkAuthentication } from 'botframework-connector';

// Local mode (PDSA_TEAMS_LOCAL=1) is for Microsoft's Agents Playground on
// this machine, which sends activities without a Bot Framework token and
// takes replies without one. botbuilder accepts such requests when the bot
// has no app id ("anonymous" mode); it still checks a token that is sent.
// The settings (src/config.ts) refuse local mode next to credentials or a
// public host; the endpoint listens on loopback only, and answers only a
// connector on this machine, so nothing outside it can use the bot.

export const LOCAL_HOST = '127.0.0.1';

export function localAuthentication(): BotFrameworkAuthentication {
  return new ConfigurationBotFrameworkAuthentication({});
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

export function isLoopbackUrl(value: unknown): boolean {
  if (typeof value !== 'string' || !URL.canParse(value)) return false;
  const url = new URL(value);
  return /^https?:$/.test(url.protocol) && LOOPBACK.has(url.hostname);
}
