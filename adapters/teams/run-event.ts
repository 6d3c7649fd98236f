import type { Bot } from '../../src/bot/bot.ts';
import type { InboundEvent } from '../../src/bot/inbound.ts';
import type { HandlerResult } from '../../src/bot/outbound.ts';
import { DatabaseUnavailableError } from '../../src/bot/user-error.ts';
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
      await replies.inPlace(
        textMessage(
          'The database is not reachable right now, so nothing was saved. Please try again in a few minutes.',
        ),
      );
      return undefined;
    }
    deps.log.error({ error: describeError(error), kind: event.kind }, 'Teams: the event failed');
    await replies.inPlace(
      textMessage(
        'Something went wrong on my side and nothing was saved. Please try again; if it keeps happening, tell your facilitator.',
      ),
    );
    return undefined;
  }
}
