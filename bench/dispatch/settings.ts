import type { BotSettings } from '../../src/core/settings.ts';
import type { Limits } from './stand-in.ts';

// Shared by the bench and its worker processes.

/** Every day a school day and no quiet hours, so the bench runs whenever it is started. */
export const benchSettings: BotSettings = {
  defaultTimeZone: 'UTC',
  promptHour: 8,
  reminderDelayHours: 24,
  reminderMax: 2,
  schoolDays: [1, 2, 3, 4, 5, 6, 7],
  quietHours: null,
};

export const WORKSPACES = 4;
export const MEMBERS = 2_000;
export const PROMPTS_PER_MEMBER = 5;

// 4 workspaces x 25 a second = 100 messages a second in all: 10,000 prompts
// take about 100 s. One a second per conversation, as Slack allows.
export const limits: Limits = {
  conversationPerSecond: 1,
  conversationBurst: 1,
  workspacePerSecond: 25,
  workspaceBurst: 25,
};

/** What the dispatchers are told: the platform's rate with a little headroom, and a smaller burst. */
export const pacing = {
  conversation: { perSecond: limits.conversationPerSecond, burst: limits.conversationBurst },
  workspace: { perSecond: limits.workspacePerSecond * 0.97, burst: 10 },
};

export const LEASE_MS = 10_000;
