import { strToU8, zipSync } from 'fflate';
import { colorIcon, outlineIcon } from './icons.ts';
import { buildManifest, PLACEHOLDER_ID } from './manifest.ts';

// The app package uploaded to Teams: manifest.json and the two icons at the
// root of a zip. Settings come from the environment, like the bot's.

export type PackageEnv = Record<string, string | undefined>;

export type TeamsPackage = { zip: Uint8Array; manifest: Record<string, unknown>; warnings: string[] };

const GUID = /^[0-9a-f]{8}-([0-9a-f]{4}-){3}[0-9a-f]{12}$/i;

export function buildTeamsPackage(env: PackageEnv, version: string): TeamsPackage {
  const warnings: string[] = [];
  const value = (name: string) => {
    const v = env[name]?.trim();
    return v ? v : undefined;
  };

  let botId = value('MICROSOFT_APP_ID');
  if (!botId) {
    warnings.push(
      `MICROSOFT_APP_ID is not set: the package uses the placeholder ${PLACEHOLDER_ID}, which Teams will not accept. Set it to the bot's Microsoft App ID and build again.`,
    );
    botId = PLACEHOLDER_ID;
  } else if (!GUID.test(botId)) {
    throw new Error(
      `MICROSOFT_APP_ID: expected a GUID like 5f9c2a8e-3d41-4b7a-9e06-1c2d3e4f5a6b, got "${botId}"`,
    );
  }
  const appId = value('TEAMS_APP_ID');
  if (appId && !GUID.test(appId)) throw new Error(`TEAMS_APP_ID: expected a GUID, got "${appId}"`);

  const domainSetting = value('TEAMS_BOT_DOMAIN');
  const botDomain = domainSetting?.replace(/^https?:\/\//i, '').replace(/\/.*$/, '');
  if (!botDomain) {
    warnings.push(
      'TEAMS_BOT_DOMAIN is not set: validDomains is empty and the developer links need TEAMS_WEBSITE_URL, TEAMS_PRIVACY_URL and TEAMS_TERMS_URL.',
    );
  }
  const site = botDomain ? `https://${botDomain}` : 'https://example.org';
  const url = (name: string, fallback: string) => {
    const v = value(name) ?? fallback;
    if (!/^https:\/\//i.test(v)) throw new Error(`${name}: expected an https:// address, got "${v}"`);
    return v;
  };
  const developer = {
    name: (value('TEAMS_DEVELOPER_NAME') ?? 'pdsa-bot').slice(0, 32),
    websiteUrl: url('TEAMS_WEBSITE_URL', `${site}/`),
    privacyUrl: url('TEAMS_PRIVACY_URL', `${site}/privacy`),
    termsOfUseUrl: url('TEAMS_TERMS_URL', `${site}/terms`),
  };
  if (!value('TEAMS_PRIVACY_URL') || !value('TEAMS_TERMS_URL')) {
    warnings.push(
      `TEAMS_PRIVACY_URL / TEAMS_TERMS_URL are not set: the manifest points at ${developer.privacyUrl} and ${developer.termsOfUseUrl}; publish those pages or set the variables.`,
    );
  }

  const manifest = buildManifest({
    botId,
    ...(appId ? { appId } : {}),
    version,
    ...(botDomain ? { botDomain } : {}),
    developer,
  });
  const zip = zipSync(
    {
      'manifest.json': strToU8(`${JSON.stringify(manifest, null, 2)}\n`),
      'color.png': colorIcon().png,
      'outline.png': outlineIcon().png,
    },
    { level: 9 },
  );
  return { zip, manifest, warnings };
}
