import { type Block, message } from '../../core/message-model.ts';
import { editDistance } from '../../core/parsing/edit-distance.ts';
import { quoteInput } from '../../core/quoted-input.ts';
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
      if (!spec) throw unknownCommand(commands, wanted);
      return { replies: [privately(commandPage(spec))] };
    },
  };
}

export function findCommand(commands: CommandSpec[], name: string): CommandSpec | undefined {
  const n = name.toLowerCase();
  return commands.find((c) => c.name === n || c.aliases?.includes(n));
}

/** How far a typo may be from a command name for it to be suggested. */
const NEAR = 2;

/**
 * "Did you mean …?" for a mistyped command, by edit distance. Only the first
 * word is compared, and only when it is no longer than a command name plus
 * NEAR: a pasted paragraph costs no more than a typo.
 */
export function suggest(commands: CommandSpec[], typed: string): string {
  const names = commands.flatMap((c) => [c.name, ...(c.aliases ?? [])]);
  const longest = Math.max(0, ...names.map((n) => n.length));
  const word = (
    typed
      .trimStart()
      .slice(0, longest + NEAR + 1)
      .split(/\s/)[0] ?? ''
  ).toLowerCase();
  if (word === '' || word.length > longest + NEAR) return '';
  let best: string | undefined;
  let bestDistance = NEAR + 1;
  for (const name of names) {
    const d = editDistance(word, name, NEAR);
    if (d < bestDistance) {
      best = name;
      bestDistance = d;
    }
  }
  return best ? `Did you mean \`${best}\`? ` : '';
}

/** The unknown command name, cut short: a reply never repeats a pasted paragraph. */
export function unknownCommand(commands: CommandSpec[], typed: string): UserError {
  return new UserError(
    `There is no command ${quoteInput(typed)}. ${suggest(commands, typed)}Type \`/pdsa help\` to see them all.`,
  );
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
