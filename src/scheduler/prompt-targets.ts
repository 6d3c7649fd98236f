import { isValidTimeZone } from '../core/schedule/local-time.ts';
import type { SchoolCalendar } from '../core/schedule/school-calendar.ts';
import type { BotSettings } from '../core/settings.ts';
import type { Breaks } from '../store/site-breaks.ts';
import type { PromptTarget } from '../store/views/prompt-targets.ts';

/** The member's calendar: their zone, else their site's, else their network's. */
export function calendarOf(target: PromptTarget, breaks: Breaks, settings: BotSettings): SchoolCalendar {
  // A zone that no longer parses (tz database changes) must not stop every
  // other member's prompts: fall back to the next one in line.
  const timeZone =
    [target.personZone, target.siteZone, target.networkZone].find(
      (zone): zone is string => typeof zone === 'string' && isValidTimeZone(zone),
    ) ?? settings.defaultTimeZone;
  return {
    timeZone,
    promptHour: settings.promptHour,
    promptMinute: 0,
    schoolDays: settings.schoolDays,
    breaks: target.siteId === null ? [] : (breaks.get(target.siteId) ?? []),
    pausedUntil: target.pausedUntil,
    ...(settings.quietHours ? { quietHours: settings.quietHours } : {}),
  };
}
