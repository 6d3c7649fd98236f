import type { Address } from '../core/address.ts';

// How fast a platform may be written to: each adapter brings its own rule
// (src/bot/chat-adapter.ts), and the scheduler's pacer keeps sends inside it.

export type Rate = { perSecond: number; burst: number };

export type PlatformPacing = {
  conversation?: Rate | null;
  workspace?: Rate | null;
  /** Which sends share a conversation bucket (default: the same address). */
  conversationKey?: (address: Address) => string;
  /** Which sends share a workspace bucket (default: `address.workspace`, else `address.tenant`). */
  workspaceKey?: (address: Address) => string;
};
