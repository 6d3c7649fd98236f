import { answerCommand } from './answer.ts';
import type { CommandSpec } from './command.ts';
import { conditionCommand } from './conditions.ts';
import { cycleCommand, cyclesCommand } from './cycle-views.ts';
import { demoCommand } from './demo.ts';
import { digestCommand } from './digest.ts';
import { driverCommand } from './drivers.ts';
import { exportCommand } from './export.ts';
import { helpCommand } from './help.ts';
import { ideaCommands } from './ideas.ts';
import { learningsCommand } from './learnings.ts';
import { measureCommands } from './measures.ts';
import { memberCommands } from './members.ts';
import { networkCommands } from './network.ts';
import { forgetCommand } from './privacy.ts';
import { closeCommand, remindCommand } from './remind-close.ts';
import { siteCommands } from './sites.ts';
import { startCommand } from './start.ts';
import { statusCommand } from './status.ts';

// Every command the bot knows, in the order `help` lists them within a group.
export function allCommands(): CommandSpec[] {
  return commands;
}

const commands: CommandSpec[] = [
  helpCommand(allCommands),
  ...networkCommands,
  ...siteCommands,
  conditionCommand,
  ...memberCommands,
  ...measureCommands,
  ...ideaCommands,
  driverCommand,
  startCommand,
  statusCommand,
  cyclesCommand,
  cycleCommand,
  remindCommand,
  closeCommand,
  answerCommand,
  learningsCommand,
  digestCommand,
  exportCommand,
  forgetCommand,
  demoCommand,
];
