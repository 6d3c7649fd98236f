import type { Kysely, Transaction } from 'kysely';
import type { Message } from '../core/message-model.ts';
import { reminderTimes } from '../core/schedule/cycle-schedule.ts';
import { clampToAllowedTime, isAllowedTime, type SchoolCalendar } from '../core/schedule/school-calendar.ts';
import type { BotSettings } from '../core/settings.ts';
import type { Database } from '../db/schema.ts';
import { isDatabaseUnavailable } from '../db/unavailable.ts';
import { describeError, type Log, silentLog } from '../platform/log.ts';
import { cancelPromptsOfClosedCheckins } from '../store/deliveries/cancel.ts';
import { enqueueDelivery, type OutboxEntry } from '../store/deliveries/enqueue.ts';
import { breaksOfSites } from '../store/site-breaks.ts';
import {
  checkinsAwaitingReminders,
  type PromptTarget,
  unpromptedCheckins,
} from '../store/views/prompt-targets.ts';
import { calendarOf } from './prompt-targets.ts';

// Turns open check-ins into outbox rows when their time has come: the first
// prompt once the check-in is due and the member's calendar allows it, then
// reminders while it stays unanswered. Every row has a dedupe key, so
// planning the same moment twice, or from two processes, queues nothing twice.

/** Writes the direct message for a check-in (reminder 0 is the first prompt). Given by the check-in module. */
export type ComposePrompt = (
  trx: Transaction<Database>,
  checkinId: number,
  opts: { reminder: number },
) => Promise<Message>;

export type PlanOptions = {
  db: Kysely<Database>;
  now: Date;
  settings: BotSettings;
  composePrompt: ComposePrompt;
  /** Check-ins composed and queued per transaction. */
  chunkSize?: number;
  log?: Log;
};

export type PlanResult = { prompts: number; reminders: number; cancelled: number };

export async function planDue(options: PlanOptions): Promise<PlanResult> {
  const { db, now, settings } = options;
  const cancelled = await cancelPromptsOfClosedCheckins(db);

  const unprompted = await unpromptedCheckins(db, now);
  const awaiting = await checkinsAwaitingReminders(db, now, {
    delayHours: settings.reminderDelayHours,
    maxCount: settings.reminderMax,
  });
  const breaks = await breaksOfSites(
    db,
    [...unprompted, ...awaiting].flatMap((t) => (t.siteId === null ? [] : [t.siteId])),
  );

  const prompts = unprompted
    .filter((t) => promptDueNow(t.dueAt, now, calendarOf(t, breaks, settings)))
    .map((t) => ({ target: t, reminder: 0 }));
  const reminders = awaiting.flatMap((t) => {
    const n = reminderDueNow(t, now, calendarOf(t, breaks, settings), settings);
    return n === null ? [] : [{ target: t, reminder: n }];
  });

  return {
    prompts: await enqueueAll(options, prompts),
    reminders: await enqueueAll(options, reminders),
    cancelled,
  };
}

/**
 * Whether a check-in due at `dueAt` may be prompted at `now`: the calendar
 * allows `now` (a school day, not paused, outside quiet hours), and the
 * first allowed moment at or after the due time has come. A check-in that
 * fell due on Saturday waits for Monday's prompt hour, not for Monday 00:00.
 */
export function promptDueNow(dueAt: Date, now: Date, cal: SchoolCalendar): boolean {
  if (!isAllowedTime(now, cal)) return false;
  const first = clampToAllowedTime(dueAt, cal);
  return first !== null && first.getTime() <= now.getTime();
}

/**
 * The reminder to queue now, if any: the latest one whose time has come and
 * that is not queued yet. When several came due while the bot was down only
 * the last is sent, rather than a pile of nudges at once.
 */
export function reminderDueNow(
  target: PromptTarget,
  now: Date,
  cal: SchoolCalendar,
  settings: Pick<BotSettings, 'reminderDelayHours' | 'reminderMax'>,
): number | null {
  if (target.promptedAt === null || !isAllowedTime(now, cal)) return null;
  const times = reminderTimes(target.promptedAt, cal, {
    delayHours: settings.reminderDelayHours,
    maxCount: settings.reminderMax,
  });
  let due = 0;
  times.forEach((at, i) => {
    if (at.getTime() <= now.getTime()) due = i + 1;
  });
  return due > target.lastReminder ? due : null;
}

type Planned = { target: PromptTarget; reminder: number };

function entryFor({ target, reminder }: Planned, message: Message, now: Date): OutboxEntry {
  return {
    kind: reminder === 0 ? 'prompt' : 'reminder',
    dedupe_key: reminder === 0 ? `prompt:${target.checkinId}` : `reminder:${target.checkinId}:${reminder}`,
    platform: target.platform,
    address: target.address,
    person_id: target.personId,
    network_id: target.networkId,
    checkin_id: target.checkinId,
    payload: { type: 'message', message },
    due_at: now,
  };
}

// Composing reads the check-in's cycle, measure and answers, so it runs in
// the transaction that queues the row. Chunks keep transactions short; if a
// chunk fails, its check-ins are tried one by one so that one broken
// check-in cannot hold back the prompts of everyone queued with it. Not when
// the database stopped answering: each try would wait out the same time
// limit, so planning gives up (the chunk rolled back) and the next tick
// plans it all again.
async function enqueueAll(options: PlanOptions, planned: Planned[]): Promise<number> {
  const { db, now, composePrompt } = options;
  const log = options.log ?? silentLog;
  const chunkSize = Math.max(1, options.chunkSize ?? 100);
  const queue = async (trx: Transaction<Database>, item: Planned) => {
    const message = await composePrompt(trx, item.target.checkinId, { reminder: item.reminder });
    return enqueueDelivery(trx, entryFor(item, message, now));
  };
  let inserted = 0;
  for (let i = 0; i < planned.length; i += chunkSize) {
    const chunk = planned.slice(i, i + chunkSize);
    try {
      inserted += await db.transaction().execute(async (trx) => {
        let n = 0;
        for (const item of chunk) if (await queue(trx, item)) n++;
        return n;
      });
    } catch (error) {
      if (isDatabaseUnavailable(error)) throw error;
      for (const item of chunk) {
        try {
          if (await db.transaction().execute((trx) => queue(trx, item))) inserted++;
        } catch (error) {
          if (isDatabaseUnavailable(error)) throw error;
          log.error(
            { checkinId: item.target.checkinId, reminder: item.reminder, error: describeError(error) },
            'could not queue a check-in prompt; will try again next tick',
          );
        }
      }
    }
  }
  return inserted;
}
