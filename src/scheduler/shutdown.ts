import { describeError, type Log, silentLog } from '../platform/log.ts';

// A clean stop on SIGTERM (container stop, deploy) and SIGINT (Ctrl-C): stop
// the scheduler so rows in hand go back to the outbox at once rather than
// when their leases run out, close the adapters, close the database.

export type ShutdownHandler = () => void | Promise<void>;

export type ShutdownOptions = {
  log?: Log;
  signals?: NodeJS.Signals[];
  /** After this long the process exits with 1 even if a handler hangs. */
  timeoutMs?: number;
  exit?: (code: number) => void;
};

/**
 * Runs the handlers once, in order, on the first signal (a failing handler
 * is logged and the next one still runs), then exits with 0. Returns a
 * function that removes the signal listeners again.
 */
export function installShutdown(handlers: ShutdownHandler[], options: ShutdownOptions = {}): () => void {
  const log = options.log ?? silentLog;
  const signals = options.signals ?? ['SIGTERM', 'SIGINT'];
  const exit = options.exit ?? ((code: number) => process.exit(code));
  const timeoutMs = options.timeoutMs ?? 30_000;
  let started = false;

  const onSignal = (signal: NodeJS.Signals) => {
    if (started) {
      log.warn({ signal }, 'already shutting down');
      return;
    }
    started = true;
    log.info({ signal }, 'shutting down');
    const timer = setTimeout(() => {
      log.error({ signal, timeoutMs }, 'shutdown took too long; exiting anyway');
      exit(1);
    }, timeoutMs);
    timer.unref();
    void (async () => {
      for (const handler of handlers) {
        try {
          await handler();
        } catch (error) {
          log.error({ error: describeError(error) }, 'a shutdown step failed; carrying on');
        }
      }
      clearTimeout(timer);
      exit(0);
    })();
  };

  for (const signal of signals) process.on(signal, onSignal);
  return () => {
    for (const signal of signals) process.off(signal, onSignal);
  };
}
