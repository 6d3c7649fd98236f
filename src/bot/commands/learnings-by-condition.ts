import { textBlocks } from '../../core/digest/text-blocks.ts';
import { evidenceByCondition, MIN_SITES } from '../../core/evidence/by-condition.ts';
import { evidenceLines } from '../../core/evidence/evidence-text.ts';
import { type Block, message } from '../../core/message-model.ts';
import { readId, shownId } from '../../core/parsing/ids.ts';
import { describePredictionGap } from '../../core/prediction-gap.ts';
import { quoteInput } from '../../core/quoted-input.ts';
import { loadIdeaRecords } from '../../learning/idea-evidence.ts';
import { ideaBy } from '../../store/change-ideas.ts';
import type { HandlerContext, Trx } from '../context.ts';
import type { CommandEvent } from '../inbound.ts';
import { type HandlerResult, privately } from '../outbound.ts';
import { requireMember } from '../permissions.ts';
import { UserError } from '../user-error.ts';
import { formatDay } from './setup-format.ts';

// `/pdsa learnings idea <n>`: for whom and under what conditions an idea
// worked. Its cycles grouped by the value of each site condition in force
// when each began, as counts, then its lessons and its cycles one by one.

const CYCLES_LISTED = 10;

/** The row of the idea people call `number` in the network. Reads `change_ideas` as the commands do. */
async function ideaIdOfNumber(trx: Trx, networkId: number, number: number): Promise<number | undefined> {
  return (await ideaBy(trx, networkId, 'number', number))?.id;
}

export async function learningsOfIdea(
  ctx: HandlerContext<CommandEvent>,
  typed: string | undefined,
): Promise<HandlerResult> {
  const caller = requireMember(ctx.caller);
  const read = readId(typed);
  if (read.kind === 'not an id')
    throw new UserError(
      typed
        ? `${quoteInput(typed)} is not an idea number. Type \`/pdsa ideas\` to see them.`
        : 'Which idea? Type e.g. `/pdsa learnings idea 3`; `/pdsa ideas` lists them.',
    );
  const id = read.kind === 'id' ? await ideaIdOfNumber(ctx.trx, caller.network.id, read.id) : undefined;
  const { conditions, ideas } =
    id === undefined ? { conditions: [], ideas: [] } : await loadIdeaRecords(ctx.trx, caller.network, [id]);
  const idea = ideas[0];
  if (!idea)
    throw new UserError(`There is no change idea ${shownId(read)}. Type \`/pdsa ideas\` to see them.`);
  const evidence = evidenceByCondition(idea.cycles, conditions);
  const title = `What ${caller.network.name} has learned about idea ${idea.number}`;
  const blocks: Block[] = [{ type: 'heading', text: title }, ...textBlocks(evidenceLines(idea, evidence))];
  const withResults = idea.cycles.filter((c) => c.result !== null || c.decision !== null);
  if (withResults.length) {
    const lines = withResults
      .slice(-CYCLES_LISTED)
      .reverse()
      .map((c) => {
        const gap =
          c.predicted && c.result
            ? ` ${describePredictionGap(c.predicted, c.result, c.measure.kind).replace(/^You predicted/, 'Predicted')}`
            : '';
        return `• **${c.site}**, cycle #${c.cycleId}, began ${formatDay(c.startsOn)}: ${c.decision ?? 'no decision yet'}.${gap}`;
      });
    const more =
      withResults.length > CYCLES_LISTED
        ? `\n…and ${withResults.length - CYCLES_LISTED} earlier: \`/pdsa export\`.`
        : '';
    blocks.push({ type: 'text', text: `**Cycle by cycle**, latest first\n${lines.join('\n')}${more}` });
  }
  blocks.push({
    type: 'context',
    text: `Counts, not percentages: with a few sites per condition nothing here is proven, only worth a look. Under ${MIN_SITES} sites, nothing is said about a condition. A site's baseline is its median weekly figure in the 4 weeks before the cycle. Each cycle counts under the conditions its site had when it began.`,
  });
  return { replies: [privately(message(`${title}: ${idea.text}`, ...blocks))] };
}
