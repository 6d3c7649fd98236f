import { learningSectionMessage } from '../../core/digest/learning-section.ts';
import { onDemandWindow } from '../../core/evidence/learning-window.ts';
import { message } from '../../core/message-model.ts';
import { todayIn } from '../../core/schedule/local-time.ts';
import { loadLearningSection } from '../../learning/monthly-learning.ts';
import type { HandlerContext } from '../context.ts';
import type { CommandEvent } from '../inbound.ts';
import { type HandlerResult, privately } from '../outbound.ts';
import { requireMember } from '../permissions.ts';

// `/pdsa digest learning`: the digest's monthly "What we're learning", now,
// for the last four weeks.

export async function digestLearning(ctx: HandlerContext<CommandEvent>): Promise<HandlerResult> {
  const caller = requireMember(ctx.caller);
  const n = caller.network;
  const window = onDemandWindow(todayIn(ctx.now, n.time_zone));
  const input = await loadLearningSection(ctx.trx, n, window);
  if (!input) {
    const text = `${n.name} has no change ideas or drivers yet, so there is nothing to learn from. Add ideas with \`/pdsa idea add\` and the theory behind them with \`/pdsa driver add\`.`;
    return { replies: [privately(message(text, { type: 'text', text }))] };
  }
  return { replies: [privately(learningSectionMessage(n.name, input))] };
}
