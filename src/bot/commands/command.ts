import type { HandlerContext } from '../context.ts';
import type { CommandEvent } from '../inbound.ts';
import type { HandlerResult } from '../outbound.ts';

export type CommandGroup = 'Start here' | 'Network setup' | 'Cycles' | 'Your check-ins' | 'Digest and data';

export type CommandArgs = {
  /** The words after the command name, quotes removed. */
  tokens: string[];
  /** The text after the command name, as typed. */
  rest: string;
};

export type CommandSpec = {
  name: string;
  aliases?: string[];
  group: CommandGroup;
  summary: string;
  /** Who may run it, for the help page. The command enforces it. */
  who: string;
  usage: string[];
  examples: string[];
  details?: string;
  run(ctx: HandlerContext<CommandEvent>, args: CommandArgs): Promise<HandlerResult>;
};
