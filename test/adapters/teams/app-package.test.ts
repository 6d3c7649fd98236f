import { readFileSync } from 'node:fs';
import ajvDraft04 from 'ajv-draft-04';
import ajvFormats from 'ajv-formats';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { buildTeamsPackage } from '../../../adapters/teams/app-package/build-package.ts';
import { outlineIcon } from '../../../adapters/teams/app-package/icons.ts';
import { buildManifest } from '../../../adapters/teams/app-package/manifest.ts';

// The app package against the Teams manifest schema 1.17 (draft-04).

const schema = JSON.parse(
  readFileSync(new URL('./fixtures/schemas/MicrosoftTeams.schema.v1.17.json', import.meta.url), 'utf8'),
) as Record<string, unknown>;
// Both packages are CommonJS: their exports are the default export's `default`.
const ajv = new ajvDraft04.default({ strict: false, allErrors: true });
ajvFormats.default(ajv as never);
const validate = ajv.compile(schema);

const BOT_ID = '5f9c2a8e-3d41-4b7a-9e06-1c2d3e4f5a6b';
const ENV = {
  MICROSOFT_APP_ID: BOT_ID,
  TEAMS_BOT_DOMAIN: 'https://pdsa.example.org/api/messages',
  TEAMS_PRIVACY_URL: 'https://pdsa.example.org/privacy',
  TEAMS_TERMS_URL: 'https://pdsa.example.org/terms',
};

function schemaErrors(manifest: unknown): string[] {
  return validate(manifest) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
}

/** Width and height from a PNG's IHDR chunk. */
function pngSize(png: Uint8Array): { width: number; height: number } {
  const b = Buffer.from(png);
  expect(b.subarray(1, 4).toString('ascii')).toBe('PNG');
  return { width: b.readUInt32BE(16), height: b.readUInt32BE(20) };
}

describe('the Teams app package', () => {
  it('holds manifest.json and the two icons at the root of the zip', () => {
    const built = buildTeamsPackage(ENV, '0.1.0');
    expect(built.warnings).toEqual([]);
    const files = unzipSync(built.zip);
    expect(Object.keys(files).sort()).toEqual(['color.png', 'manifest.json', 'outline.png']);
    expect(JSON.parse(strFromU8(files['manifest.json']!))).toEqual(built.manifest);
    expect(pngSize(files['color.png']!)).toEqual({ width: 192, height: 192 });
    expect(pngSize(files['outline.png']!)).toEqual({ width: 32, height: 32 });
  });

  it('has a manifest valid against the Teams schema 1.17, for the bot in all three scopes', () => {
    const { manifest } = buildTeamsPackage(ENV, '0.1.0');
    expect(schemaErrors(manifest)).toEqual([]);
    expect(manifest).toMatchObject({
      manifestVersion: '1.17',
      version: '0.1.0',
      id: BOT_ID,
      validDomains: ['pdsa.example.org'],
      developer: { websiteUrl: 'https://pdsa.example.org/', privacyUrl: 'https://pdsa.example.org/privacy' },
      bots: [{ botId: BOT_ID, scopes: ['personal', 'team', 'groupChat'] }],
    });
    const [bot] = manifest.bots as { commandLists: { scopes: string[]; commands: { title: string }[] }[] }[];
    const titles = bot!.commandLists.flatMap((l) => l.commands.map((c) => c.title));
    expect(titles).toContain('help');
    expect(titles).toContain('network channel here');
    // The check has teeth: a manifest Teams would refuse fails it.
    expect(
      schemaErrors({ ...manifest, accentColor: 'teal', bots: [{ scopes: ['everywhere'] }] }),
    ).not.toEqual([]);
  });

  it('uses TEAMS_APP_ID as the app id when given', () => {
    const { manifest } = buildTeamsPackage(
      { ...ENV, TEAMS_APP_ID: '0b1c2d3e-4f50-4617-8293-a4b5c6d7e8f9' },
      '1.2.3',
    );
    expect(manifest).toMatchObject({ id: '0b1c2d3e-4f50-4617-8293-a4b5c6d7e8f9', version: '1.2.3' });
    expect(schemaErrors(manifest)).toEqual([]);
  });

  it('builds with a placeholder bot id, and says so, when MICROSOFT_APP_ID is not set', () => {
    const built = buildTeamsPackage({}, '0.1.0');
    expect(built.manifest).toMatchObject({ id: '00000000-0000-0000-0000-000000000000', validDomains: [] });
    expect(schemaErrors(built.manifest)).toEqual([]);
    expect(built.warnings.join('\n')).toContain('MICROSOFT_APP_ID is not set');
    expect(built.warnings.join('\n')).toContain('TEAMS_BOT_DOMAIN is not set');
  });

  it('refuses settings Teams would refuse', () => {
    expect(() => buildTeamsPackage({ MICROSOFT_APP_ID: 'my-bot' }, '0.1.0')).toThrow(
      /MICROSOFT_APP_ID: expected a GUID/,
    );
    expect(() =>
      buildTeamsPackage({ ...ENV, TEAMS_PRIVACY_URL: 'http://insecure.example' }, '0.1.0'),
    ).toThrow(/TEAMS_PRIVACY_URL: expected an https/);
  });

  it('draws the outline icon white on transparent', () => {
    const { pixels } = outlineIcon();
    let drawn = 0;
    for (let i = 0; i < pixels.length; i += 4) {
      const alpha = pixels[i + 3]!;
      if (alpha === 0) continue;
      drawn++;
      // resvg gives premultiplied RGBA: white at any opacity has r = g = b = alpha.
      for (const channel of [pixels[i]!, pixels[i + 1]!, pixels[i + 2]!])
        expect(channel).toBeGreaterThanOrEqual(alpha - 1);
    }
    expect(drawn).toBeGreaterThan(100);
    expect(drawn).toBeLessThan(32 * 32);
  });

  it('keeps the command lists within what the schema allows even for a long domain', () => {
    const manifest = buildManifest({
      botId: BOT_ID,
      version: '10.20.30',
      botDomain: `${'a'.repeat(60)}.example.org`,
      developer: { name: 'x', websiteUrl: 'https://x', privacyUrl: 'https://x', termsOfUseUrl: 'https://x' },
    });
    expect(schemaErrors(manifest)).toEqual([]);
  });
});
