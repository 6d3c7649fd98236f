import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { buildTeamsPackage } from '../adapters/teams/app-package/build-package.ts';

// npm run teams:package: builds dist/pdsa-bot-teams.zip, the app package to
// upload to Teams, from MICROSOFT_APP_ID, TEAMS_BOT_DOMAIN and the optional
// TEAMS_APP_ID, TEAMS_DEVELOPER_NAME, TEAMS_WEBSITE_URL, TEAMS_PRIVACY_URL
// and TEAMS_TERMS_URL (environment or .env). See docs/teams-setup.md.

const root = resolve(import.meta.dirname, '..');
try {
  process.loadEnvFile(resolve(root, '.env'));
} catch {
  // no .env: the environment alone
}
const { version } = JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8')) as { version: string };
const out = resolve(root, 'dist/pdsa-bot-teams.zip');
try {
  const built = buildTeamsPackage(process.env, version);
  for (const warning of built.warnings) process.stderr.write(`warning: ${warning}\n`);
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, built.zip);
  process.stdout.write(`Wrote ${out} (app ${String(built.manifest.id)}, version ${version}).\n`);
} catch (error) {
  process.stderr.write(`Could not build the Teams app package: ${(error as Error).message}\n`);
  process.exit(1);
}
