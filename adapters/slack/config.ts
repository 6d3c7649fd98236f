import type { z } from 'zod';
import { type ConfigSection, intIn, optionalString, prefixed, url } from '../../src/config.ts';

// Slack's settings, read from the environment with the core's (src/config.ts)
// and reported with them, one line per problem.

export type SlackConfig = {
  botToken?: string;
  signingSecret?: string;
  appToken?: string;
  oauth?: { clientId: string; clientSecret: string; stateSecret: string };
  apiUrl?: string;
  port: number;
};

export const slackFields = {
  SLACK_BOT_TOKEN: prefixed('xoxb-', 'a bot token'),
  SLACK_SIGNING_SECRET: optionalString,
  SLACK_APP_TOKEN: prefixed('xapp-', 'an app-level token'),
  SLACK_CLIENT_ID: optionalString,
  SLACK_CLIENT_SECRET: optionalString,
  SLACK_STATE_SECRET: optionalString,
  SLACK_API_URL: url,
  SLACK_PORT: intIn(0, 65535, 3000),
};

export type SlackEnv = z.output<z.ZodObject<typeof slackFields>>;

/** Slack when any of its credentials is set (undefined otherwise), and what is missing for it to run. */
export function readSlackConfig(e: SlackEnv): { config?: SlackConfig; problems: string[] } {
  const problems: string[] = [];
  const oauthParts = [e.SLACK_CLIENT_ID, e.SLACK_CLIENT_SECRET, e.SLACK_STATE_SECRET];
  const anySlack = [e.SLACK_BOT_TOKEN, e.SLACK_SIGNING_SECRET, e.SLACK_APP_TOKEN, ...oauthParts].some(
    Boolean,
  );
  if (!anySlack) return { problems };
  const oauth = oauthParts.every(Boolean)
    ? {
        clientId: e.SLACK_CLIENT_ID!,
        clientSecret: e.SLACK_CLIENT_SECRET!,
        stateSecret: e.SLACK_STATE_SECRET!,
      }
    : undefined;
  if (oauthParts.some(Boolean) && !oauth) {
    for (const [name, value] of [
      ['SLACK_CLIENT_ID', e.SLACK_CLIENT_ID],
      ['SLACK_CLIENT_SECRET', e.SLACK_CLIENT_SECRET],
      ['SLACK_STATE_SECRET', e.SLACK_STATE_SECRET],
    ] as const) {
      if (!value)
        problems.push(
          `${name}: missing; installing in several workspaces needs SLACK_CLIENT_ID, SLACK_CLIENT_SECRET and SLACK_STATE_SECRET together`,
        );
    }
  }
  if (!e.SLACK_BOT_TOKEN && !oauth) {
    problems.push(
      'SLACK_BOT_TOKEN: missing; set the bot token (xoxb-...) from the app\'s "OAuth & Permissions" page, or the three SLACK_CLIENT_* / SLACK_STATE_SECRET settings for several workspaces',
    );
  }
  if (!e.SLACK_SIGNING_SECRET && !e.SLACK_APP_TOKEN) {
    problems.push(
      'SLACK_SIGNING_SECRET: missing; set it (HTTP mode) or SLACK_APP_TOKEN (xapp-..., Socket Mode) so that Slack can reach the bot',
    );
  }
  if (oauth && !e.SLACK_SIGNING_SECRET) {
    problems.push(
      'SLACK_SIGNING_SECRET: missing; installing in several workspaces (OAuth) runs in HTTP mode and needs the signing secret',
    );
  }
  return {
    config: {
      botToken: e.SLACK_BOT_TOKEN,
      signingSecret: e.SLACK_SIGNING_SECRET,
      appToken: e.SLACK_APP_TOKEN,
      oauth,
      apiUrl: e.SLACK_API_URL,
      port: e.SLACK_PORT,
    },
    problems,
  };
}

export const slackConfig: ConfigSection<typeof slackFields, SlackConfig> = {
  fields: slackFields,
  read: readSlackConfig,
};
