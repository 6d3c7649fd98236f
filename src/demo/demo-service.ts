import type { Platform } from '../core/domain.ts';
import type { Trx } from '../db/trx.ts';
import { createDemoNetwork } from './create-demo.ts';

// The sample network as `/pdsa demo` uses it: start-up gives this to the bot
// as its DemoService (src/bot/services.ts), which it fits without importing.

/** `platform`: the one the demo's people are recorded on when they cannot be spoken as where the speaker is. */
export function demoService(options: { platform: Platform }) {
  return {
    create: (
      trx: Trx,
      demo: { now: Date; adminPersonId: number; speakableIn?: { platform: Platform; workspace: string } },
    ) => createDemoNetwork(trx, { ...demo, platform: options.platform }),
  };
}
