import { type Block, type Message, message } from '../core/message-model.ts';
import type { HandlerContext } from './context.ts';

type HomeContext = Pick<HandlerContext, 'trx' | 'now' | 'caller' | 'settings'>;

/**
 * A person's overview: who they are in which network, their open
 * check-ins with a button to answer each, and the commands to go further.
 */
export async function buildHome(ctx: HomeContext): Promise<Message> {
  const { caller } = ctx;
  const blocks: Block[] = [{ type: 'heading', text: 'pdsa-bot' }];
  if (!caller.member || !caller.network) {
    blocks.push({
      type: 'text',
      text: "You're not in an improvement network yet. A facilitator can add you, or you can ask to join a site with `/pdsa join <site>`. To start a network of your own: `/pdsa network create`.",
    });
    blocks.push({ type: 'context', text: 'Type `/pdsa help` to see everything I can do.' });
    return message('pdsa-bot: not in a network yet', ...blocks);
  }
  blocks.push({
    type: 'text',
    text: `**${caller.network.name}** · you are ${article(caller.member.role)} ${caller.member.role}`,
  });
  blocks.push({ type: 'context', text: 'Type `/pdsa help` to see everything I can do.' });
  return message(`pdsa-bot: ${caller.network.name}`, ...blocks);
}

const article = (word: string) => (/^[aeiou]/.test(word) ? 'an' : 'a');
