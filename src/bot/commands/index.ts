import { answerCommand } from './answer.ts';
import type { CommandSpec } from './command.ts';
import { cycleCommand, cyclesCommand } from './cycle-views.ts';
import { exportCommand } from './export.ts';
import { helpCommand } from './help.ts';
import { learningsCommand } from './learnings.ts';
import { forgetCommand } from './privacy.ts';
import { closeCommand, remindCommand } from './remind-close.ts';
import { startCommand } from './start.ts';
import { statusCommand } from './status.ts';

// Every command the bot knows, in the order `help` lists them within a group.
export function allCommands(): CommandSpec[] {
  return commands;
}

const commands: CommandSpec[] = [
  helpCommand(allCommands),
  startCommand,
  statusCommand,
  cyclesCommand,
  cycleCommand,
  remindCommand,
  closeCommand,
  answerCommand,
  learningsCommand,
  exportCommand,
  forgetCommand,
];
