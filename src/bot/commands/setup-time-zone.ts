import { quoteInput } from '../../core/quoted-input.ts';
import { isValidTimeZone } from '../../core/schedule/local-time.ts';
import { UserError } from '../user-error.ts';

// Reading a time zone as facilitators type it. The stored value is always a
// canonical IANA name ("America/Chicago"), because prompts are computed in
// it across daylight-saving changes.
//
// Choices: a city alone ("Chicago", "new york") is accepted when exactly one
// zone is named after it; the case of a name does not matter. Abbreviations
// ("EST", "CST") are refused with a suggestion: they are fixed offsets that
// ignore daylight saving, and some name several places.

const SUGGESTIONS: Record<string, string> = {
  EST: 'America/New_York',
  EDT: 'America/New_York',
  ET: 'America/New_York',
  EASTERN: 'America/New_York',
  CST: 'America/Chicago',
  CDT: 'America/Chicago',
  CT: 'America/Chicago',
  CENTRAL: 'America/Chicago',
  MST: 'America/Denver',
  MDT: 'America/Denver',
  MT: 'America/Denver',
  MOUNTAIN: 'America/Denver',
  PST: 'America/Los_Angeles',
  PDT: 'America/Los_Angeles',
  PT: 'America/Los_Angeles',
  PACIFIC: 'America/Los_Angeles',
  AKST: 'America/Anchorage',
  HST: 'Pacific/Honolulu',
  GMT: 'Europe/London',
  BST: 'Europe/London',
  CET: 'Europe/Paris',
  CEST: 'Europe/Paris',
  IST: 'Asia/Kolkata',
  AEST: 'Australia/Sydney',
  AEDT: 'Australia/Sydney',
  NZST: 'Pacific/Auckland',
  NZDT: 'Pacific/Auckland',
};

const EXAMPLES = 'America/Chicago, Europe/London or Australia/Sydney';

function zoneList(): string[] {
  return Intl.supportedValuesOf('timeZone');
}

function canonical(zone: string): string {
  return new Intl.DateTimeFormat('en-US', { timeZone: zone }).resolvedOptions().timeZone;
}

/**
 * The IANA time zone `typed` names, or a UserError saying what to type
 * instead; `retype(zone)` turns a zone into the command to type, for the
 * message.
 */
export function readTimeZone(typed: string, retype: (zone: string) => string): string {
  const text = typed.trim();
  if (text === '') {
    throw new UserError(
      `Which time zone? Type its IANA name, e.g. \`${retype('America/Chicago')}\` (others: ${EXAMPLES}).`,
    );
  }
  const abbreviation = SUGGESTIONS[text.toUpperCase()];
  if (abbreviation) {
    throw new UserError(
      `"${text}" is an abbreviation, not a place: it does not follow daylight saving, and some abbreviations name several zones. Type the IANA name of a place in your zone, e.g. \`${retype(abbreviation)}\`.`,
    );
  }
  const asCity = text.toLowerCase().replace(/[\s-]+/g, '_');
  const cities = zoneList().filter((z) => z.toLowerCase().split('/').at(-1) === asCity);
  if (cities.length === 1) return cities[0]!;
  if (isValidTimeZone(text)) return canonical(text);
  const near = zoneList()
    .filter((z) => z.toLowerCase().includes(asCity))
    .slice(0, 3);
  throw new UserError(
    `I don't know the time zone ${quoteInput(text)}. ${near.length ? `Did you mean ${near.map((z) => `\`${z}\``).join(' or ')}? ` : ''}Time zones are IANA names, Region/City, like ${EXAMPLES}: type e.g. \`${retype(near[0] ?? 'America/Chicago')}\`.`,
  );
}
