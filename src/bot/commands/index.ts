import type { CommandSpec } from './command.ts';
import { helpCommand } from './help.ts';

// Every command the bot knows, in the order `help` lists them within a group.
export function allCommands(): CommandSpec[] {
  return commands;
}

const commands: CommandSpec[] = [helpCommand(allCommands)];
