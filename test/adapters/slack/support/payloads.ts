import { readFileSync } from 'node:fs';

// Slack request bodies for tests, each made from a real payload (see
// ../fixtures/SOURCES.md) with the fields a test cares about replaced, so
// that every other field is what Slack really sends.

const FIXTURES = new URL('../fixtures/payloads/', import.meta.url);

export function fixtureText(name: string): string {
  return readFileSync(new URL(name, FIXTURES), 'utf8');
}

export function fixtureJson<T = Record<string, unknown>>(name: string): T {
  return JSON.parse(fixtureText(name)) as T;
}

export const TEAM = 'T111';
export const API_APP = 'A111';

export type SlashCommand = {
  text: string;
  user?: string;
  userName?: string;
  team?: string;
  channel?: string;
  triggerId?: string;
  responseUrl: string;
};

let triggers = 0;
const nextTrigger = () => `${Date.now()}.${++triggers}.abcdef0123456789`;

/** A `/pdsa` slash command form body, from the Slack docs' signing example. */
export function slashCommand(c: SlashCommand): string {
  const fields = new URLSearchParams(fixtureText('slash-command.signing-docs-example.form.txt').trim());
  fields.set('team_id', c.team ?? TEAM);
  fields.set('channel_id', c.channel ?? 'C111');
  fields.set('channel_name', 'improvement');
  fields.set('user_id', c.user ?? 'U100');
  fields.set('user_name', c.userName ?? 'fran');
  fields.set('command', '/pdsa');
  fields.set('text', c.text);
  fields.set('response_url', c.responseUrl);
  fields.set('trigger_id', c.triggerId ?? nextTrigger());
  fields.set('api_app_id', API_APP);
  return fields.toString();
}

export type DirectMessage = {
  text: string;
  eventId: string;
  user?: string;
  team?: string;
  channel?: string;
  ts?: string;
  threadTs?: string;
  subtype?: string;
  botId?: string;
};

/** The envelope fields that name the installation: a plain workspace (the samples are from an Enterprise Grid). */
function inWorkspace(body: Record<string, unknown>, team: string): void {
  body.team_id = team;
  delete body.enterprise_id;
  body.authorizations = [
    { enterprise_id: null, team_id: team, user_id: 'UBOT', is_bot: true, is_enterprise_install: false },
  ];
}

/** An Events API `message.im` envelope (event_callback JSON). */
export function directMessage(m: DirectMessage): string {
  const body = fixtureJson<Record<string, unknown> & { event: Record<string, unknown> }>(
    'message.im.event_callback.json',
  );
  inWorkspace(body, m.team ?? TEAM);
  body.event_id = m.eventId;
  body.event_time = Math.floor(Date.now() / 1000);
  const ts = m.ts ?? `${Math.floor(Date.now() / 1000)}.${String(++triggers).padStart(6, '0')}`;
  body.event = {
    ...body.event,
    user: m.user ?? 'U200',
    text: m.text,
    channel: m.channel ?? 'D200',
    ts,
    event_ts: ts,
    ...(m.threadTs ? { thread_ts: m.threadTs } : {}),
    ...(m.subtype ? { subtype: m.subtype } : {}),
    ...(m.botId ? { bot_id: m.botId } : {}),
  };
  return JSON.stringify(body);
}

/** An Events API `app_home_opened` envelope for the Home tab. */
export function homeOpened(h: { eventId: string; user?: string; team?: string; channel?: string }): string {
  const body = fixtureJson<Record<string, unknown> & { event: Record<string, unknown> }>(
    'app_home_opened.home-tab.event_callback.json',
  );
  inWorkspace(body, h.team ?? TEAM);
  body.event_id = h.eventId;
  body.event = { ...body.event, user: h.user ?? 'U200', channel: h.channel ?? 'D200', tab: 'home' };
  return JSON.stringify(body);
}

export type ButtonPress = {
  actionId: string;
  value: string;
  user?: string;
  team?: string;
  /** The DM the message with the button is in. */
  channel?: string;
  triggerId?: string;
  responseUrl?: string;
  messageTs?: string;
};

/** A `block_actions` payload for a button in a DM message (function-specific fields of the sample removed). */
export function dmButtonPress(p: ButtonPress): Record<string, unknown> {
  const body = fixtureJson<Record<string, unknown>>('block_actions.dm-message-in-function.json');
  delete body.function_data;
  delete body.bot_access_token;
  delete body.interactivity;
  const team = p.team ?? TEAM;
  const user = p.user ?? 'U200';
  const channel = p.channel ?? 'D200';
  const ts = p.messageTs ?? '1700455285.968429';
  return {
    ...body,
    team: { id: team, domain: 'example' },
    user: { id: user, name: user.toLowerCase(), team_id: team },
    channel: { id: channel, name: 'directmessage' },
    container: { type: 'message', message_ts: ts, channel_id: channel, is_ephemeral: false },
    message: { ...(body.message as object), ts },
    trigger_id: p.triggerId ?? nextTrigger(),
    ...(p.responseUrl ? { response_url: p.responseUrl } : {}),
    actions: [
      {
        block_id: 'b',
        action_id: p.actionId,
        type: 'button',
        text: { type: 'plain_text', text: 'Answer', emoji: true },
        value: p.value,
        action_ts: `${Math.floor(Date.now() / 1000)}.000001`,
      },
    ],
  };
}

/** A `block_actions` payload for a button in an ephemeral message in a channel (Enterprise Grid sample). */
export function channelButtonPress(p: ButtonPress & { responseUrl: string }): Record<string, unknown> {
  const body = fixtureJson<Record<string, unknown>>('block_actions.ephemeral-message.enterprise.json');
  const user = p.user ?? 'U200';
  const channel = p.channel ?? 'C111';
  return {
    ...body,
    user: { ...(body.user as object), id: user },
    channel: { id: channel, name: 'improvement' },
    container: { ...(body.container as object), channel_id: channel },
    trigger_id: p.triggerId ?? nextTrigger(),
    response_url: p.responseUrl,
    actions: [{ ...(body.actions as object[])[0], action_id: p.actionId, value: p.value }],
  };
}

/** A `block_actions` payload for a button on the Home tab. */
export function homeButtonPress(p: Omit<ButtonPress, 'channel' | 'responseUrl'>): Record<string, unknown> {
  const body = fixtureJson<Record<string, unknown>>('block_actions.home-tab-view.json');
  const team = p.team ?? TEAM;
  const user = p.user ?? 'U200';
  return {
    ...body,
    team: { id: team, domain: 'example' },
    user: { id: user, username: user.toLowerCase(), name: user.toLowerCase(), team_id: team },
    trigger_id: p.triggerId ?? nextTrigger(),
    actions: [
      {
        action_id: p.actionId,
        block_id: 'lMr',
        text: { type: 'plain_text', text: 'Answer', emoji: true },
        type: 'button',
        value: p.value,
        action_ts: `${Math.floor(Date.now() / 1000)}.000002`,
      },
    ],
  };
}

export type Submission = {
  /** The modal as the adapter opened it (blocks, callback_id, private_metadata). */
  view: { blocks?: unknown[]; callback_id?: string; private_metadata?: string };
  /** view.state.values as Slack would send them. */
  values: Record<string, Record<string, unknown>>;
  user?: string;
  team?: string;
  triggerId?: string;
};

/** A `view_submission` payload for a modal the adapter opened. */
export function viewSubmission(s: Submission): Record<string, unknown> {
  const body = fixtureJson<Record<string, unknown> & { view: Record<string, unknown> }>(
    'view_submission.modal-with-inputs.json',
  );
  const team = s.team ?? TEAM;
  const user = s.user ?? 'U200';
  return {
    ...body,
    team: { id: team, domain: 'example' },
    user: { id: user, username: user.toLowerCase(), name: user.toLowerCase(), team_id: team },
    trigger_id: s.triggerId ?? nextTrigger(),
    view: {
      ...body.view,
      team_id: team,
      blocks: s.view.blocks ?? [],
      callback_id: s.view.callback_id,
      private_metadata: s.view.private_metadata ?? '',
      state: { values: s.values },
    },
  };
}

/**
 * A `block_suggestion` payload: someone typing in a modal's external select.
 * No captured sample is at hand, so it is the view_submission sample's
 * common fields (team, user, app, the view) with the fields Slack documents
 * for this type (Bolt's BlockSuggestion): container, action_id, block_id
 * and the typed `value`.
 */
export function blockSuggestion(s: {
  view: Submission['view'];
  actionId: string;
  value: string;
  user?: string;
  team?: string;
}): Record<string, unknown> {
  const submission = viewSubmission({
    view: s.view,
    values: {},
    ...(s.user ? { user: s.user } : {}),
    ...(s.team ? { team: s.team } : {}),
  });
  const view = submission.view as Record<string, unknown>;
  return {
    type: 'block_suggestion',
    user: submission.user,
    container: { type: 'view', view_id: view.id },
    api_app_id: submission.api_app_id,
    token: submission.token,
    action_id: s.actionId,
    block_id: s.actionId,
    value: s.value,
    team: submission.team,
    enterprise: null,
    is_enterprise_install: false,
    view,
  };
}

/** view.state.values for plain text inputs named by their block (= input) ids. */
export function textValues(values: Record<string, string>): Record<string, Record<string, unknown>> {
  return Object.fromEntries(
    Object.entries(values).map(([id, value]) => [id, { [id]: { type: 'plain_text_input', value } }]),
  );
}

/** An Events API envelope for `app_uninstalled` or `tokens_revoked` (the documented shapes). */
export function appRemovalEvent(e: {
  eventId: string;
  team?: string;
  type: 'app_uninstalled' | 'tokens_revoked';
  tokens?: { oauth?: string[]; bot?: string[] };
}): string {
  const body: Record<string, unknown> = {
    token: 'verification-token-unused',
    api_app_id: API_APP,
    event: {
      type: e.type,
      ...(e.type === 'tokens_revoked' ? { tokens: e.tokens ?? {} } : {}),
      event_ts: `${Math.floor(Date.now() / 1000)}.000100`,
    },
    type: 'event_callback',
    event_id: e.eventId,
    event_time: Math.floor(Date.now() / 1000),
  };
  inWorkspace(body, e.team ?? TEAM);
  return JSON.stringify(body);
}
