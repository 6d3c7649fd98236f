import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { isMap, isScalar, isSeq, parseDocument } from 'yaml';
import { COMMAND } from '../../../adapters/slack/inbound/command.ts';
import { BOT_SCOPES } from '../../../adapters/slack/scopes.ts';

// manifest.yml against Slack's own manifest JSON Schema (slackapi/manifest-schema,
// draft-07). The top-level schema picks the v1 or v2 schema by
// _metadata.major_version and refers to them by URL; they are loaded from
// ../fixtures/schemas under those URLs. The schema's non-standard "regex"
// keyword (background_color) is checked as a pattern.

const here = (path: string) => new URL(path, import.meta.url);
const json = (path: string) => JSON.parse(readFileSync(here(path), 'utf8'));
const SCHEMA_URL = 'https://raw.githubusercontent.com/slackapi/manifest-schema/v0.5.0/schemas/';

// ajv-formats is CommonJS: its default export arrives as the module under Node's ESM interop.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ??
  addFormatsModule) as unknown as (ajv: Ajv) => Ajv;

function manifestValidator() {
  // Slack's schema carries annotations of its own (_note, …) and leaves some types implicit: allowed.
  const ajv = new Ajv({ allErrors: true, strictSchema: false, strictTypes: false, allowUnionTypes: true });
  addFormats(ajv);
  ajv.addKeyword({
    keyword: 'regex',
    type: 'string',
    schemaType: 'string',
    validate: (pattern: string, data: string) => new RegExp(pattern).test(data),
  });
  ajv.addSchema(
    json('fixtures/schemas/manifest.schema.1.0.0.json'),
    `${SCHEMA_URL}manifest.schema.1.0.0.json`,
  );
  ajv.addSchema(
    json('fixtures/schemas/manifest.schema.2.0.0.json'),
    `${SCHEMA_URL}manifest.schema.2.0.0.json`,
  );
  return ajv.compile(json('fixtures/schemas/manifest.schema.all-versions.json'));
}

const manifestText = readFileSync(here('../../../manifest.yml'), 'utf8');
const document = parseDocument(manifestText);
const manifest = document.toJS() as {
  _metadata: { major_version: number };
  features: {
    app_home: Record<string, boolean>;
    slash_commands: { command: string; description: string; usage_hint?: string; should_escape?: boolean }[];
  };
  oauth_config: { scopes: { bot: string[]; user?: string[] } };
  settings: {
    event_subscriptions: { bot_events: string[] };
    interactivity: { is_enabled: boolean };
    socket_mode_enabled: boolean;
  };
};

describe('the schema validator', () => {
  const validate = manifestValidator();
  it("accepts Slack's valid sample manifests and rejects the invalid ones", () => {
    expect(validate(json('fixtures/manifests/manifest.v1.valid.json'))).toBe(true);
    expect(validate(json('fixtures/manifests/manifest.v1.invalid.json'))).toBe(false);
    expect(validate(json('fixtures/manifests/manifest.v2.valid.json'))).toBe(true);
    expect(validate(json('fixtures/manifests/manifest.v2.invalid.json'))).toBe(false);
  });

  it('checks the background colour pattern', () => {
    const sample = json('fixtures/manifests/manifest.v1.valid.json');
    sample.display_information.background_color = 'teal';
    expect(validate(sample)).toBe(false);
  });
});

describe('manifest.yml', () => {
  it('is a valid Slack app manifest (v1)', () => {
    const validate = manifestValidator();
    const ok = validate(manifest);
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
    expect(manifest._metadata.major_version).toBe(1);
  });

  it('declares /pdsa with a description and a usage hint, mentions escaped for the core', () => {
    expect(manifest.features.slash_commands).toHaveLength(1);
    const [pdsa] = manifest.features.slash_commands;
    expect(pdsa?.command).toBe(COMMAND);
    expect(pdsa?.description).toBeTruthy();
    expect(pdsa?.usage_hint).toContain('help');
    expect(pdsa?.should_escape).toBe(true);
  });

  it('asks for exactly the bot scopes the adapter uses, each with its reason, and no user scopes', () => {
    expect([...manifest.oauth_config.scopes.bot].sort()).toEqual([...BOT_SCOPES].sort());
    expect(manifest.oauth_config.scopes.user).toBeUndefined();
    const scopes = document.getIn(['oauth_config', 'scopes', 'bot'], true);
    expect(isSeq(scopes)).toBe(true);
    if (!isSeq(scopes)) return;
    for (const item of scopes.items) {
      expect(isScalar(item) && (item.comment ?? '').trim().length > 10, `reason for ${String(item)}`).toBe(
        true,
      );
    }
  });

  it('subscribes to message.im, app_home_opened and the removal events, with interactivity, both App Home tabs and Socket Mode', () => {
    expect([...manifest.settings.event_subscriptions.bot_events].sort()).toEqual([
      'app_home_opened',
      'app_uninstalled',
      'message.im',
      'tokens_revoked',
    ]);
    expect(manifest.settings.interactivity.is_enabled).toBe(true);
    expect(manifest.features.app_home).toEqual({
      home_tab_enabled: true,
      messages_tab_enabled: true,
      messages_tab_read_only_enabled: false,
    });
    expect(manifest.settings.socket_mode_enabled).toBe(true);
    expect(isMap(document.contents)).toBe(true);
  });
});
