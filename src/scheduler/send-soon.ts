import { describeError, type Log, silentLog } from '../platform/log.ts';
import type { Dispatcher } from './dispatcher.ts';

// What a command queues (a welcome, a notice, a nudge) goes out once its
// transaction commits, not at the next cron tick. A request that comes while
// a pass is running asks for one more pass after it: the running pass may
// have claimed before the new rows were committed. Requests that come
// meanwhile share that one pass.

export type SendSoon = {
  /** Asks for a pass; returns at once. What bot.ts calls after each committed event. */
  request(): void;
  /** Resolves when no pass asked for is running or waiting (tests, shutdown). */
  idle(): Promise<void>;
};

export function createSendSoon(dispatcher: Pick<Dispatcher, 'dispatchDue'>, log: Log = silentLog): SendSoon {
  let running: Promise<void> | undefined;
  let again = false;

  const run = async () => {
    do {
      again = false;
      try {
        await dispatcher.dispatchDue();
      } catch (error) {
        // The cron tick sends whatever this pass could not.
        log.warn({ error: describeError(error) }, 'sending at once failed; the next tick sends it');
      }
    } while (again);
  };

  return {
    request() {
      if (running) {
        again = true;
        return;
      }
      running = run().finally(() => {
        running = undefined;
      });
    },
    async idle() {
      while (running) await running;
    },
  };
}
