import { type Block, message } from '../../core/message-model.ts';
import { editDistance } from '../../core/parsing/edit-distance.ts';
import { privately } from '../outbound.ts';
import { UserError } from '../user-error.ts';
import type { CommandGroup, CommandSpec } from './command.ts';

const GROUP_ORDER: CommandGroup[] = [
  'Start here',
  'Network setup',
  'Cycles',
  'Your check-ins',
  'Digest and data',
];

export function helpCommand(all: () => CommandSpec[]): CommandSpec {
  return {
    name: 'help',
    group: 'Start here',
    summary: 'list the commands, or explain one with examples',
    who: 'anyone',
    usage: ['help', 'help <command>'],
    examples: ['/pdsa help', '/pdsa help start'],
    async run(_ctx, { tokens }) {
      const commands = all();
      if (tokens.length === 0) return { replies: [privately(overview(commands))] };
      const wanted = tokens[0]!.toLowerCase();
      const spec = findCommand(commands, wanted);
      if (!spec) {
        throw new UserError(
          `There is no command "${wanted}". ${suggest(commands, wanted)}Type \`/pdsa help\` to see them all.`,
        );
      }
      return { replies: [privately(commandPage(spec))] };
    },
  };
}

export function findCommand(commands: CommandSpec[], name: string): CommandSpec | undefined {
  const n = name.toLowerCase();
  return commands.find((c) => c.name === n || c.aliases?.includes(n));
}

/** "Did you mean …?" for a mistyped command, by edit distance. */
export function suggest(commands: CommandSpec[], typed: string): string {
  const names = commands.flatMap((c) => [c.name, ...(c.aliases ?? [])]);
  let best: string | undefined;
  let bestDistance = 3;
  for (const name of names) {
    const d = editDistance(typed.toLowerCase(), name);
    if (d < bestDistance) {
      best = name;
      bestDistance = d;
    }
  }
  return best ? `Did you mean \`${best}\`? ` : '';
}

function overview(commands: CommandSpec[]) {
  const blocks: Block[] = [
    { type: 'heading', text: 'pdsa-bot commands' },
    {
      type: 'text',
      text: 'Plan-Do-Study-Act cycles for your improvement network: facilitators set up the network and start cycles; educators answer short check-ins; everyone sees a weekly digest of how results vary across sites.',
    },
  ];
  for (const group of GROUP_ORDER) {
    const inGroup = commands.filter((c) => c.group === group);
    if (inGroup.length === 0) continue;
    blocks.push({
      type: 'text',
      text: `**${group}**\n${inGroup.map((c) => `• \`${c.name}\`: ${c.summary}`).join('\n')}`,
    });
  }
  blocks.push({
    type: 'context',
    text: 'Type `/pdsa help <command>` for examples, e.g. `/pdsa help start`.',
  });
  return message(`pdsa-bot commands: ${commands.map((c) => c.name).join(', ')}`, ...blocks);
}

function commandPage(spec: CommandSpec) {
  const blocks: Block[] = [
    { type: 'heading', text: `/pdsa ${spec.name}` },
    { type: 'text', text: `${capitalise(spec.summary)}.${spec.details ? `\n${spec.details}` : ''}` },
    { type: 'text', text: `**Usage**\n${spec.usage.map((u) => `• \`/pdsa ${u}\``).join('\n')}` },
    { type: 'text', text: `**Examples**\n${spec.examples.map((e) => `• \`${e}\``).join('\n')}` },
    {
      type: 'context',
      text: `Who can run it: ${spec.who}.${spec.aliases?.length ? ` Also: ${spec.aliases.join(', ')}.` : ''}`,
    },
  ];
  return message(`/pdsa ${spec.name}: ${spec.summary}`, ...blocks);
}

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
