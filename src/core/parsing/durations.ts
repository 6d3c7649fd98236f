import { quoteInput } from '../quoted-input.ts';
import { type IsoWeekday, WEEKDAY_NAMES, weekdayFromWord } from './calendar-words.ts';
import { failure, foldInput, type ParseFailure } from './result.ts';

// Reads the hour and the weekday of a schedule (when the digest goes out,
// when check-ins are sent).
//
// Choices: a bare number is on the 24-hour clock ("8" is 8:00, "20" is
// 20:00); three or four digits are HHMM ("830", "1500"); "12am" is midnight
// and "12pm" noon; "24:00" is refused. Weekday numbers are ISO: 1 is Monday,
// 7 Sunday, and 0 is refused since some count Sunday as 0.

export type HourResult = { ok: true; hour: number; minute: number } | ParseFailure;
export type WeekdayResult = { ok: true; weekday: IsoWeekday } | ParseFailure;

const HOUR_EXAMPLES = '8am, 3pm, 08:30 or 15:00';

function clock(hour: number, minute: number, typed: string): HourResult {
  if (hour > 23) return failure(`${typed} isn't a time: hours go from 0 to 23. Try ${HOUR_EXAMPLES}.`);
  if (minute > 59) return failure(`${typed} isn't a time: minutes go from 00 to 59. Try ${HOUR_EXAMPLES}.`);
  return { ok: true, hour, minute };
}

/** `8`, `8am`, `8:30 pm`, `08:30`, `15:00`, `1500`, `8h30`, `noon`, `midnight` → hour 0..23 and minute. */
export function parseHour(text: string): HourResult {
  const typed = quoteInput(text);
  const s = foldInput(text)
    .replace(/^at /, '')
    .replace(/ ?o['’]?clock$/, '');
  if (s === '') return failure(`Please type a time of day, like ${HOUR_EXAMPLES}.`);
  if (s === 'noon' || s === 'midday') return { ok: true, hour: 12, minute: 0 };
  if (s === 'midnight') return { ok: true, hour: 0, minute: 0 };

  const twelveHour = /^(\d{1,2})(?:[:.](\d{2}))? ?([ap])\.? ?(?:m\.?)?$/.exec(s);
  if (twelveHour) {
    const hour = Number(twelveHour[1]);
    const minute = Number(twelveHour[2] ?? 0);
    const half = twelveHour[3] === 'a' ? 'am' : 'pm';
    if (hour < 1 || hour > 12) {
      return failure(
        `${typed} isn't a time: with am or pm the hour goes from 1 to 12. Try ${HOUR_EXAMPLES}.`,
      );
    }
    return clock((hour % 12) + (half === 'pm' ? 12 : 0), minute, typed);
  }

  const twentyFourHour = /^(\d{1,2})(?:[:.h](\d{2})?)?$/.exec(s) ?? /^(\d{1,2})(\d{2})$/.exec(s);
  if (twentyFourHour) return clock(Number(twentyFourHour[1]), Number(twentyFourHour[2] ?? 0), typed);

  if (/^\d{1,2}[:.h]\d$/.test(s)) {
    return failure(`${typed} needs two digits for the minutes, like 08:05 or 8:30.`);
  }
  return failure(`I couldn't read ${typed} as a time of day. Try ${HOUR_EXAMPLES}.`);
}

/** `monday`, `mon`, `Mondays`, `1` (ISO: Monday) … `7` (Sunday) → ISO weekday. */
export function parseWeekday(text: string): WeekdayResult {
  const typed = quoteInput(text);
  const s = foldInput(text);
  if (s === '')
    return failure('Please type a day of the week, like monday, mon or 1 (Monday) to 7 (Sunday).');
  if (/^\d+$/.test(s)) {
    const n = Number(s);
    if (n >= 1 && n <= 7) return { ok: true, weekday: n as IsoWeekday };
    return failure(
      `${typed} isn't a weekday number: they go from 1 (Monday) to 7 (Sunday). You can also type the name, like monday or mon.`,
    );
  }
  const weekday = /^\p{L}+$/u.test(s) ? weekdayFromWord(s) : undefined;
  if (weekday !== undefined) return { ok: true, weekday };
  return failure(
    `I couldn't read ${typed} as a day of the week. Type a name like ${WEEKDAY_NAMES[0].toLowerCase()} or mon, or a number from 1 (Monday) to 7 (Sunday).`,
  );
}
