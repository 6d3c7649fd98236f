import { message } from '../../core/message-model.ts';
import type { Token } from '../../core/parsing/command-line.ts';
import { ideasWithCycleCounts, ideaWithText, insertIdea } from '../../store/change-ideas.ts';
import { placeIdea } from '../../store/idea-drivers.ts';
import { privately } from '../outbound.ts';
import { requireMember, requireRole } from '../permissions.ts';
import { limitLength, UserError } from '../user-error.ts';
import type { CommandSpec } from './command.ts';
import { driverOrNew } from './driver-lookups.ts';
import { IDEA_DRIVER_USAGE, ideasByDriver, setIdeaDriver } from './idea-drivers.ts';
import { type Ctx, readKeywords, runSubcommand, type Subcommand, unknownSubcommand } from './setup-args.ts';

/** The longest change idea, typed in `idea add` or in `start … idea`. */
export const MAX_IDEA_LENGTH = 500;

const ADD_USAGE =
  'Type e.g. `/pdsa idea add Greet every student by name at the door driver Sense of belonging`.';

async function add(ctx: Ctx, words: Token[]) {
  const caller = await requireRole(ctx.trx, ctx.caller, 'facilitator', 'add change ideas');
  const { values, positional } = readKeywords(words, ['driver'], ADD_USAGE);
  const text = limitLength(positional, MAX_IDEA_LENGTH, 'change idea');
  if (text === '') throw new UserError(`What is the change idea? ${ADD_USAGE}`);
  const same = await ideaWithText(ctx.trx, caller.network.id, text);
  if (same) {
    throw new UserError(
      `That change idea is already there, as number ${same.number}. Type \`/pdsa ideas\` to see them all.`,
    );
  }
  const driver =
    values.driver === undefined
      ? null
      : await driverOrNew(ctx.trx, caller.network.id, values.driver, ctx.now);
  const idea = await insertIdea(ctx.trx, {
    network_id: caller.network.id,
    text,
    created_by: caller.member.id,
  });
  if (driver) await placeIdea(ctx.trx, idea.id, driver.driver.id, ctx.now);
  const newDriver = driver?.created
    ? ` It is a new primary driver; to put it under another: \`/pdsa driver move ${driver.driver.name} under <primary driver>\`.`
    : '';
  const reply = `Added change idea **${idea.number}**: ${text}${driver ? ` (driver: ${driver.driver.name})` : ''}. Test it in a cycle: \`/pdsa start <site> idea ${idea.number}\`.${newDriver}`;
  return { replies: [privately(message(reply, { type: 'text', text: reply }))] };
}

async function list(ctx: Ctx) {
  const caller = requireMember(ctx.caller);
  const ideas = await ideasWithCycleCounts(ctx.trx, caller.network.id);
  if (ideas.length === 0) {
    throw new UserError(
      `${caller.network.name} has no change ideas yet. A facilitator adds them: ${ADD_USAGE}`,
    );
  }
  // Grouped by driver, in the order of the driver diagram; ideas on no driver come last.
  const groups = await ideasByDriver(ctx.trx, caller.network.id, ideas);
  const sections = groups.map(({ label, ideas: inGroup }) => {
    const lines = inGroup.map((i) => {
      const n = Number(i.cycles);
      const open = Number(i.open);
      const tested =
        n === 0
          ? 'not tested yet'
          : `${n} ${n === 1 ? 'cycle' : 'cycles'}${open ? ` (${open} under way)` : ''}`;
      return `• **${i.number}** ${i.text} · ${tested}`;
    });
    const heading = groups.length > 1 || label !== null ? `**${label ?? 'No driver'}**\n` : '';
    return `${heading}${lines.join('\n')}`;
  });
  return {
    replies: [
      privately(
        message(
          `Change ideas of ${caller.network.name}: ${ideas.length}`,
          { type: 'heading', text: `Change ideas of ${caller.network.name}` },
          { type: 'text', text: sections.join('\n\n') },
          {
            type: 'context',
            text: 'Test one: `/pdsa start <site> idea <number>`. What was learned: `/pdsa learnings <number>`.',
          },
        ),
      ),
    ],
  };
}

const SUBCOMMANDS: Subcommand[] = [
  { names: ['add', 'new', 'create'], run: add },
  { names: ['list'], run: (ctx) => list(ctx) },
];

export const ideaCommand: CommandSpec = {
  name: 'idea',
  aliases: ['ideas'],
  group: 'Network setup',
  summary: 'the change ideas the network tests: list them with their numbers, add one, choose its driver',
  who: 'any member can list; facilitators and admins add ideas and choose their drivers',
  usage: ['ideas', 'idea add <what to try> [driver <driver>]', IDEA_DRIVER_USAGE],
  examples: [
    '/pdsa ideas',
    '/pdsa idea add Greet every student by name at the door driver Sense of belonging',
    '/pdsa idea add Text families the evening before a test',
    '/pdsa idea 3 driver Sense of belonging',
  ],
  details:
    "A change idea is something to try; the driver is the part of the network's theory of improvement it works on (a primary or secondary driver: see `/pdsa drivers`). A driver named in `idea add` that the network does not have yet is added as a primary driver. A cycle tests one idea at one site: `/pdsa start <site> idea <number>`.",
  async run(ctx, { rest }) {
    return runSubcommand(ctx, rest, SUBCOMMANDS, async (c, words) => {
      if (words.length === 0) return list(c);
      if (/^\d+$/.test(words[0]!.text)) return setIdeaDriver(c, words);
      throw unknownSubcommand('idea', words[0]!.text, SUBCOMMANDS);
    });
  },
};

export const ideaCommands: CommandSpec[] = [ideaCommand];
