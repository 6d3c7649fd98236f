import { z } from 'zod';
import { type ConfigSection, intIn, optionalString } from '../../src/config.ts';

// Teams' settings, read from the environment with the core's (src/config.ts)
// and reported with them, one line per problem.

export type TeamsConfig = {
  appId: string;
  appPassword?: string;
  tenantId?: string;
  appType: 'MultiTenant' | 'SingleTenant' | 'UserAssignedMSI';
  port: number;
  botDomain?: string;
  /**
   * The https address where Teams reaches this bot (its messaging endpoint
   * without /api/messages). Charts and CSV exports are served from it,
   * because a Teams message carries pictures and files only as links.
   */
  publicUrl?: string;
  /**
   * Local mode, for Microsoft's Agents Playground on this machine: no
   * credentials, requests are not authenticated (the Playground sends no
   * token), the endpoint listens on loopback only, and publicUrl may be
   * http on loopback. Never set together with credentials or a public host.
   */
  local?: true;
};

export const teamsFields = {
  MICROSOFT_APP_ID: optionalString,
  MICROSOFT_APP_PASSWORD: optionalString,
  MICROSOFT_APP_TENANT_ID: optionalString,
  MICROSOFT_APP_TYPE: z
    .enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI'])
    .optional()
    .or(z.literal('').transform(() => undefined)),
  TEAMS_PORT: intIn(0, 65535, 3978),
  TEAMS_BOT_DOMAIN: optionalString,
  TEAMS_PUBLIC_URL: optionalString,
  PDSA_TEAMS_LOCAL: optionalString.refine(
    (v) => v === undefined || ['1', 'true', 'yes', '0', 'false', 'no'].includes(v.toLowerCase()),
    { message: 'expected 1 (on) or 0 (off)' },
  ),
};

export type TeamsEnv = z.output<z.ZodObject<typeof teamsFields>>;

/** Teams when its credentials or local mode are set (undefined otherwise), and what is missing for it to run. */
export function readTeamsConfig(e: TeamsEnv): { config?: TeamsConfig; problems: string[] } {
  const anyTeams = [
    e.MICROSOFT_APP_ID,
    e.MICROSOFT_APP_PASSWORD,
    e.MICROSOFT_APP_TENANT_ID,
    e.MICROSOFT_APP_TYPE,
  ].some(Boolean);
  const teamsLocal = ['1', 'true', 'yes'].includes(e.PDSA_TEAMS_LOCAL?.toLowerCase() ?? '');
  if (teamsLocal) {
    const local = localTeams(e, anyTeams);
    return local.ok ? { config: local.teams, problems: [] } : { problems: local.problems };
  }
  if (!anyTeams) return { problems: [] };
  const problems: string[] = [];
  const appType = e.MICROSOFT_APP_TYPE ?? (e.MICROSOFT_APP_TENANT_ID ? 'SingleTenant' : 'MultiTenant');
  if (!e.MICROSOFT_APP_ID)
    problems.push("MICROSOFT_APP_ID: missing; copy the bot's Microsoft App ID from its Azure Bot resource");
  if (!e.MICROSOFT_APP_PASSWORD && appType !== 'UserAssignedMSI') {
    problems.push("MICROSOFT_APP_PASSWORD: missing; create a client secret for the bot's app registration");
  }
  if (!e.MICROSOFT_APP_TENANT_ID && appType !== 'MultiTenant') {
    problems.push(`MICROSOFT_APP_TENANT_ID: missing; a ${appType} bot needs its directory (tenant) id`);
  }
  const publicUrl = teamsPublicUrl(e.TEAMS_PUBLIC_URL, e.TEAMS_BOT_DOMAIN);
  if (publicUrl && !publicUrl.ok) problems.push(publicUrl.problem);
  return {
    config: {
      appId: e.MICROSOFT_APP_ID ?? '',
      appPassword: e.MICROSOFT_APP_PASSWORD,
      tenantId: e.MICROSOFT_APP_TENANT_ID,
      appType,
      port: e.TEAMS_PORT,
      botDomain: e.TEAMS_BOT_DOMAIN,
      ...(publicUrl?.ok ? { publicUrl: publicUrl.url } : {}),
    },
    problems,
  };
}

export const teamsConfig: ConfigSection<typeof teamsFields, TeamsConfig> = {
  fields: teamsFields,
  read: readTeamsConfig,
};

/** TEAMS_PUBLIC_URL, or https://TEAMS_BOT_DOMAIN when only the domain is set. */
function teamsPublicUrl(
  explicit: string | undefined,
  domain: string | undefined,
): { ok: true; url: string } | { ok: false; problem: string } | undefined {
  const raw = explicit ?? (domain ? `https://${domain.replace(/^https?:\/\//i, '')}` : undefined);
  if (!raw) return undefined;
  const name = explicit ? 'TEAMS_PUBLIC_URL' : 'TEAMS_BOT_DOMAIN';
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return {
      ok: false,
      problem: `${name}: not an address; expected something like https://pdsa.example.org`,
    };
  }
  if (url.protocol !== 'https:') {
    return {
      ok: false,
      problem: `${name}: Teams shows pictures only from https addresses; got ${url.protocol}`,
    };
  }
  if (url.search || url.hash) {
    return { ok: false, problem: `${name}: expected the bot's address without a query or #fragment` };
  }
  return { ok: true, url: url.href.replace(/\/+$/, '').replace(/\/api\/messages$/, '') };
}

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * PDSA_TEAMS_LOCAL=1: the Teams adapter for Microsoft's Agents Playground.
 * Refused next to anything that means a real Teams deployment, because the
 * endpoint then accepts requests that carry no token.
 */
function localTeams(
  e: TeamsEnv,
  anyCredentials: boolean,
): { ok: true; teams: TeamsConfig } | { ok: false; problems: string[] } {
  const problems: string[] = [];
  if (anyCredentials) {
    problems.push(
      'PDSA_TEAMS_LOCAL: local mode is for the Agents Playground without Microsoft credentials; remove it to use the MICROSOFT_APP_* settings, or remove those to try the bot locally',
    );
  }
  if (e.TEAMS_BOT_DOMAIN) {
    problems.push(
      'PDSA_TEAMS_LOCAL: local mode accepts requests without a Bot Framework token, so it never runs with a public host (TEAMS_BOT_DOMAIN); remove one of the two',
    );
  }
  let publicUrl: string | undefined;
  if (e.TEAMS_PUBLIC_URL) {
    const url = URL.canParse(e.TEAMS_PUBLIC_URL) ? new URL(e.TEAMS_PUBLIC_URL) : undefined;
    if (!url || !/^https?:$/.test(url.protocol) || !LOOPBACK_HOSTS.has(url.hostname)) {
      problems.push(
        `TEAMS_PUBLIC_URL: in local mode (PDSA_TEAMS_LOCAL) expected an address on this machine such as http://127.0.0.1:${e.TEAMS_PORT}`,
      );
    } else if (url.search || url.hash) {
      problems.push("TEAMS_PUBLIC_URL: expected the bot's address without a query or #fragment");
    } else {
      publicUrl = url.href.replace(/\/+$/, '').replace(/\/api\/messages$/, '');
    }
  } else if (e.TEAMS_PORT > 0) {
    publicUrl = `http://127.0.0.1:${e.TEAMS_PORT}`;
  }
  if (problems.length > 0) return { ok: false, problems };
  return {
    ok: true,
    teams: {
      appId: '',
      appType: 'MultiTenant',
      port: e.TEAMS_PORT,
      local: true,
      ...(publicUrl ? { publicUrl } : {}),
    },
  };
}
