import { shortInput } from '../quoted-input.ts';

// Ids as people type them (`/pdsa cycle 12`, `site unbreak Lincoln #3`) and
// as buttons and forms carry them (`checkin:41`). An id is written in
// digits only, with an optional "#", and is a positive whole number that
// fits PostgreSQL's `integer` column. "1e3", "3.0", "0x1F", "-1" and "١٢"
// are not ids. Digits that are 0 or beyond the integer range are a number,
// but one no row can have: they are answered like an unknown id, and never
// reach a query, which PostgreSQL would refuse.

/** The largest value of a PostgreSQL `integer` column, so the largest id. */
export const MAX_ID = 2_147_483_647;

export type IdRead =
  /** Digits naming an id that may exist. */
  | { kind: 'id'; id: number }
  /** Digits no id can have (0, or more than MAX_ID); `digits` as typed, without "#". */
  | { kind: 'none'; digits: string }
  /** Not written as an id at all, or nothing written. */
  | { kind: 'not an id' };

export function readId(text: string | null | undefined): IdRead {
  const match = /^#?([0-9]+)$/.exec((text ?? '').trim());
  if (!match) return { kind: 'not an id' };
  const digits = match[1]!;
  const significant = digits.replace(/^0+/, '');
  // Ten digits at most before converting, so that the comparison is exact.
  if (significant === '' || significant.length > 10 || Number(significant) > MAX_ID) {
    return { kind: 'none', digits };
  }
  return { kind: 'id', id: Number(significant) };
}

/** The id as it is shown back: the number, or the digits as typed (cut short) when no id can have them. */
export function shownId(read: Exclude<IdRead, { kind: 'not an id' }>): string {
  return read.kind === 'id' ? String(read.id) : shortInput(read.digits);
}
