import type { Trx } from '../db/trx.ts';
import { buildDigest } from './build-digest.ts';
import { firstDigestNote } from './post-digests.ts';
import { type DigestChannel, recordDigest } from './record-digest.ts';
import { reportWeekAt } from './report-week.ts';

// The digest as the bot's commands use it (`/pdsa digest`, the note of
// `digest channel here`): start-up gives this to the bot as its
// DigestService (src/bot/services.ts), which it fits without importing.

export const digestService = {
  reportWeekAt,
  async preview(trx: Trx, networkId: number, week: string, now: Date) {
    return (await buildDigest(trx, networkId, week, { now })).composed;
  },
  async post(trx: Trx, channel: DigestChannel, week: string, now: Date): Promise<boolean> {
    return recordDigest(trx, channel, await buildDigest(trx, channel.networkId, week, { now }), now);
  },
  firstNote: firstDigestNote,
};
