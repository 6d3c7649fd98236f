import type { Bot } from '../../src/bot/bot.ts';
import type { InboundEvent } from '../../src/bot/inbound.ts';
import type { HandlerResult } from '../../src/bot/outbound.ts';
import { DatabaseUnavailableError, nothingSavedText } from '../../src/bot/user-error.ts';
import { textMessage } from '../../src/core/message-model.ts';
import { describeError, type Log } from '../../src/platform/log.ts';
import type { TurnReplies } from './turn-replies.ts';

/**
 * Hands one event to the core. When nothing could be saved the person is
 * told so plainly (in place: the database that would find their 1:1 chat is
 * the one that is down) and undefined is returned.
 */
export async function runEvent(
  deps: { bot: Bot; log: Log },
  replies: TurnReplies,
  event: InboundEvent,
): Promise<HandlerResult | undefined> {
  try {
    return await deps.bot.handle(event);
  } catch (error) {
    if (error instanceof DatabaseUnavailableError) {
      deps.log.error(
        { error: describeError(error), kind: event.kind },
        'Teams: the database is not reachable',
      );
      await replies.inPlace(textMessage(nothingSavedText(error)));
      return undefined;
    }
    deps.log.error({ error: describeError(error), kind: event.kind }, 'Teams: the event failed');
    await replies.inPlace(textMessage(nothingSavedText(error)));
    return undefined;
  }
}
