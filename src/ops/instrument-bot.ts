import type { Bot } from '../bot/bot.ts';
import { DatabaseUnavailableError } from '../bot/user-error.ts';
import type { Log } from '../platform/log.ts';
import type { Metrics } from './metrics.ts';

/** The bot with every event timed and logged by id (never by content). */
export function instrumentBot(bot: Bot, metrics: Metrics, log: Log): Bot {
  return {
    home: (actor) => bot.home(actor),
    choices: (actor, formId, inputId, query) => bot.choices(actor, formId, inputId, query),
    async handle(event) {
      const stop = metrics.eventLatency.startTimer({ kind: event.kind });
      try {
        const result = await bot.handle(event);
        stop({ outcome: result.duplicate ? 'duplicate' : 'ok' });
        log.debug(
          {
            eventId: event.eventId,
            platform: event.actor.platform,
            kind: event.kind,
            duplicate: Boolean(result.duplicate),
          },
          'event handled',
        );
        return result;
      } catch (error) {
        stop({ outcome: error instanceof DatabaseUnavailableError ? 'database_unavailable' : 'error' });
        log.error(
          { eventId: event.eventId, platform: event.actor.platform, kind: event.kind, err: error },
          'event failed',
        );
        throw error;
      }
    },
  };
}
