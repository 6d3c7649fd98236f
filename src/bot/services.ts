import type { Address } from '../core/address.ts';
import type { Platform } from '../core/domain.ts';
import type { Message } from '../core/message-model.ts';
import type { Trx } from './context.ts';

// The services the bot's commands use, as the commands need them. Start-up
// (src/start-bot.ts) passes in src/digest's and src/demo's, which fit these
// shapes without importing the bot: dependencies point from the bot to its
// services only through here.

/** The weekly digest, for `/pdsa digest` and the notes of `digest channel here`. */
export type DigestService = {
  /** The week the digest posted at `now` reports on (the last complete week). */
  reportWeekAt(now: Date, timeZone: string): string;
  /** A network's digest of a week: the channel message and the details for its thread. */
  preview(trx: Trx, networkId: number, week: string, now: Date): Promise<{ main: Message; details: Message }>;
  /**
   * Builds a week's digest and queues it for the channel, in the caller's
   * transaction; false when that week's digest was already recorded.
   */
  post(
    trx: Trx,
    channel: { networkId: number; platform: Platform; address: Address },
    week: string,
    now: Date,
  ): Promise<boolean>;
  /** A sentence for whoever chooses the digest's channel: when the first digest comes. */
  firstNote(
    trx: Trx,
    network: { id: number; time_zone: string; digest_weekday: number; digest_hour: number },
    now: Date,
  ): Promise<string>;
};

/** The sample network of `/pdsa demo`. */
export type DemoService = {
  create(
    trx: Trx,
    options: {
      now: Date;
      adminPersonId: number;
      /** Where the speaker is, when their platform's people are their names: the demo's people can then be spoken as there. */
      speakableIn?: { platform: Platform; workspace: string };
    },
  ): Promise<{
    name: string;
    /** The twelve ISO weeks with figures, oldest first. */
    weeks: string[];
    /** Whether its people can be spoken as where the speaker is. */
    speakable: boolean;
    /** An educator of the demo with an unanswered check-in, to speak as. */
    educator: string;
  }>;
};

export type BotServices = { digest: DigestService; demo: DemoService };
