import type { Readable } from 'node:stream';
import type { ChatAdapterFactory } from '../../src/bot/chat-adapter.ts';
import { networkTimeZoneOf } from '../../src/bot/speaker-time-zone.ts';
import { shellFeatures } from './features.ts';
import type { TextStyle } from './render-text.ts';
import { runShell } from './shell-adapter.ts';
import { ShellPort } from './shell-port.ts';
import type { SimulatedClock } from './simulated-clock.ts';

export { SHELL_WORKSPACE } from './shell-adapter.ts';

/** The terminal's platform id. */
export const SHELL_PLATFORM = 'shell';
export { SimulatedClock } from './simulated-clock.ts';

export type ShellOptions = {
  /** The clock `clock +1d` moves; start-up reads the bot's time from it. */
  clock: SimulatedClock;
  /** Zone for the clock when the speaker is in no network (PDSA_TIME_ZONE). */
  timeZone: string;
  input: Readable;
  write(text: string): void;
  style: TextStyle;
  /** Where charts and exports are written. */
  filesDir: string;
  interactive: boolean;
  initialUser: string;
};

/**
 * The terminal, plugged in through the adapter contract
 * (src/bot/chat-adapter.ts): it reads lines until its input ends, and runs
 * the due work itself after every line and every move of the clock.
 */
export function shellAdapter(options: ShellOptions): ChatAdapterFactory {
  return {
    platform: 'shell',
    features: shellFeatures,
    create({ bot, db, runDueWork }) {
      const port = new ShellPort({ write: options.write, style: options.style, filesDir: options.filesDir });
      const done = Promise.withResolvers<void>();
      return {
        platform: 'shell',
        port,
        pacing: null,
        finished: done.promise,
        async start() {
          runShell({
            bot,
            port,
            clock: options.clock,
            timeZone: options.timeZone,
            networkTimeZoneOf: (actor) => networkTimeZoneOf(db, actor),
            input: options.input,
            write: options.write,
            interactive: options.interactive,
            initialUser: options.initialUser,
            runDueWork,
          }).then(done.resolve, done.reject);
        },
        async stop() {},
        ready: () => true,
      };
    },
  };
}
