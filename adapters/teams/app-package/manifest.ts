// The Teams app manifest (schema 1.17): one bot, in 1:1 chats, teams and
// group chats, with the commands Teams offers in the compose box. 1.17 is
// accepted by every current Teams client and the Developer Portal; later
// schema versions add nothing this bot uses.

export const MANIFEST_VERSION = '1.17';
export const PLACEHOLDER_ID = '00000000-0000-0000-0000-000000000000';

export type ManifestSettings = {
  /** The bot's Microsoft App ID (Azure Bot resource). */
  botId: string;
  /** The Teams app's own id; the bot id when not given. */
  appId?: string;
  /** semver, from package.json. */
  version: string;
  /** Host name of the messaging endpoint, e.g. pdsa.example.org. */
  botDomain?: string;
  developer: { name: string; websiteUrl: string; privacyUrl: string; termsOfUseUrl: string };
};

type Command = { title: string; description: string };

const PERSONAL_COMMANDS: Command[] = [
  { title: 'help', description: 'What I can do, and how to type each command' },
  { title: 'status', description: 'Your open check-ins and cycles' },
  { title: 'answer', description: 'Answer a check-in now, or change an answer: answer <cycle number>' },
  { title: 'cycles', description: 'Cycles: yours, a site’s, or the whole network’s' },
  { title: 'start', description: 'Start a PDSA cycle at a site (opens a form)' },
  { title: 'learnings', description: 'What every site learned about each change idea' },
  { title: 'network', description: 'Your network: aim, time zone, digest' },
  { title: 'members', description: 'The members of the network or a site' },
  { title: 'export me', description: 'Everything I hold about you' },
  { title: 'join', description: 'Ask to join a site: join <site>' },
];

const TEAM_COMMANDS: Command[] = [
  { title: 'help', description: 'What I can do, and how to type each command' },
  { title: 'network channel here', description: 'Post the weekly digest of your network in this channel' },
  { title: 'digest', description: 'When and where the weekly digest is posted' },
  { title: 'cycles all', description: 'Every cycle of the network' },
  { title: 'learnings', description: 'What every site learned about each change idea' },
  { title: 'status', description: 'Your open check-ins and cycles (answered in a 1:1 chat)' },
];

export function buildManifest(settings: ManifestSettings): Record<string, unknown> {
  return {
    $schema: `https://developer.microsoft.com/json-schemas/teams/v${MANIFEST_VERSION}/MicrosoftTeams.schema.json`,
    manifestVersion: MANIFEST_VERSION,
    version: settings.version,
    id: settings.appId ?? settings.botId,
    developer: settings.developer,
    name: { short: 'pdsa-bot', full: 'pdsa-bot: PDSA cycles for networked improvement communities' },
    description: {
      short: 'Plan-Do-Study-Act check-ins and a weekly digest for improvement networks',
      full: 'pdsa-bot helps a networked improvement community run Plan-Do-Study-Act cycles. Facilitators set up the network (aim, measures, sites, members) and start cycles; educators answer short check-ins in a 1:1 chat: a plan with a prediction, how it is going, the result, and a decision. Each week a digest in the network channel shows how results vary across sites, and where they differ beyond chance, set against the predictions. Type "help" to start.',
    },
    icons: { color: 'color.png', outline: 'outline.png' },
    accentColor: '#1F3A4D',
    bots: [
      {
        botId: settings.botId,
        scopes: ['personal', 'team', 'groupChat'],
        isNotificationOnly: false,
        supportsFiles: false,
        supportsCalling: false,
        supportsVideo: false,
        commandLists: [
          { scopes: ['personal'], commands: PERSONAL_COMMANDS },
          { scopes: ['team', 'groupChat'], commands: TEAM_COMMANDS },
        ],
      },
    ],
    validDomains: settings.botDomain ? [settings.botDomain] : [],
  };
}
