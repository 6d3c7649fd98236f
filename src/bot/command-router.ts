import { tokenize } from '../core/parsing/command-line.ts';
import type { CommandSpec } from './commands/command.ts';
import { findCommand, unknownCommand } from './commands/help.ts';
import type { HandlerContext } from './context.ts';
import type { CommandEvent } from './inbound.ts';
import type { HandlerResult } from './outbound.ts';

/** Splits `/pdsa <command> <args…>` and runs the command. */
export async function routeCommand(
  ctx: HandlerContext<CommandEvent>,
  commands: CommandSpec[],
): Promise<HandlerResult> {
  const text = ctx.event.text.trim().replace(/^\/pdsa\b\s*/i, '');
  const tokens = tokenize(text);
  const name = tokens[0]?.toLowerCase() ?? 'help';
  const spec = findCommand(commands, name);
  if (!spec) throw unknownCommand(commands, name);
  const rest = text.replace(/^\S+\s*/, '');
  return spec.run(ctx, { tokens: tokens.slice(1), rest });
}
