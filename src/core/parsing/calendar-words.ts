// Month and weekday names as people type them: full, abbreviated to three
// letters or more ("sept", "thurs"), any case.

export type IsoWeekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

export const WEEKDAY_NAMES = [
  'Monday',
  'Tuesday',
  'Wednesday',
  'Thursday',
  'Friday',
  'Saturday',
  'Sunday',
] as const;

export const MONTH_NAMES = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
] as const;

// Three-letter prefixes of these names are all distinct, so any prefix of
// three letters or more names exactly one of them.
function indexByPrefix(names: readonly string[], word: string): number | undefined {
  if (word.length < 3) return undefined;
  const index = names.findIndex((name) => name.toLowerCase().startsWith(word));
  return index === -1 ? undefined : index;
}

/** `monday`, `mon`, `tues`, `weds`, `thurs`, `mondays` → ISO weekday (Monday = 1). */
export function weekdayFromWord(word: string): IsoWeekday | undefined {
  const w = word.toLowerCase();
  const index = indexByPrefix(WEEKDAY_NAMES, w) ?? (w === 'weds' ? 2 : undefined);
  if (index !== undefined) return (index + 1) as IsoWeekday;
  // "Mondays" is how people name a recurring day.
  if (w.endsWith('days')) {
    const singular = WEEKDAY_NAMES.findIndex((name) => `${name.toLowerCase()}s` === w);
    if (singular !== -1) return (singular + 1) as IsoWeekday;
  }
  return undefined;
}

/** `december`, `dec`, `sept` → month number 1..12. */
export function monthFromWord(word: string): number | undefined {
  const index = indexByPrefix(MONTH_NAMES, word.toLowerCase());
  return index === undefined ? undefined : index + 1;
}
