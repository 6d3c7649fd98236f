import type { SchoolCalendar } from '../../core/schedule/school-calendar.ts';
import type { BotSettings } from '../../core/settings.ts';
import { calendarFactsOf } from '../../store/members.ts';
import { breaksOfSite } from '../../store/site-breaks.ts';
import { siteById } from '../../store/sites.ts';
import type { Trx } from '../context.ts';

/**
 * A member's school calendar: their own time zone, else their site's, else
 * the network's; their site's breaks; their pause; the configured hours.
 */
export async function memberCalendar(
  trx: Trx,
  memberId: number,
  settings: BotSettings,
  fallbackSiteId?: number,
): Promise<SchoolCalendar> {
  const row = await calendarFactsOf(trx, memberId);
  const siteId = row.siteId ?? fallbackSiteId;
  let siteZone = row.siteZone;
  if (!row.siteId && fallbackSiteId) {
    siteZone = (await siteById(trx, fallbackSiteId))?.time_zone ?? null;
  }
  const breaks = siteId ? await breaksOfSite(trx, siteId) : [];
  return {
    timeZone: row.personZone ?? siteZone ?? row.networkZone,
    promptHour: settings.promptHour,
    promptMinute: 0,
    schoolDays: settings.schoolDays,
    breaks,
    pausedUntil: row.pausedUntil,
    ...(settings.quietHours ? { quietHours: settings.quietHours } : {}),
  };
}
