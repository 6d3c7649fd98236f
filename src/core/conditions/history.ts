// A site's value of a condition over time, as ranges [validFrom, validTo)
// of ISO dates: validFrom null means "since the site began", validTo null
// "still in force". A cycle is read under the values in force on its first
// day, so a change made today leaves the cycles that ran before it as they
// were.

export type ConditionRange = {
  id: number;
  valueId: number;
  validFrom: string | null;
  validTo: string | null;
};

/** The range in force on `date`, if any. ISO dates compare as strings. */
export function rangeOn<R extends ConditionRange>(ranges: readonly R[], date: string): R | undefined {
  return ranges.find(
    (r) => (r.validFrom === null || r.validFrom <= date) && (r.validTo === null || r.validTo > date),
  );
}

/** The range in force now (the one left open). */
export function currentRange<R extends ConditionRange>(ranges: readonly R[]): R | undefined {
  return ranges.find((r) => r.validTo === null);
}

/** What to write so that from `from` on (null: from the start) the value is `valueId` (null: not known). */
export type HistoryEdit = {
  /** Ranges that began on or after `from`: replaced. */
  remove: number[];
  /** Ranges cut short at `from`, or reopened (validTo null) when the value carries on. */
  setEnd: { id: number; validTo: string | null }[];
  insert: { valueId: number; validFrom: string | null } | null;
};

export const NO_EDIT: HistoryEdit = { remove: [], setEnd: [], insert: null };

const startsOnOrAfter = (r: ConditionRange, from: string | null) =>
  from === null || (r.validFrom !== null && r.validFrom >= from);

/**
 * The edit that makes the value `valueId` from `from` on, replacing whatever
 * was recorded from that day. A value that merely carries on (the same value
 * already in force on that day) extends its range instead of adding one, so
 * setting the same value twice changes nothing.
 */
export function planValueChange(
  ranges: readonly ConditionRange[],
  valueId: number | null,
  from: string | null,
): HistoryEdit {
  const remove = ranges.filter((r) => startsOnOrAfter(r, from)).map((r) => r.id);
  const before = ranges.filter((r) => !startsOnOrAfter(r, from));
  // The range that holds `from` (it began earlier and is open or ends later),
  // or the one that ends exactly on it: either can carry the same value on.
  const holding = before.find((r) => r.validTo === null || (from !== null && r.validTo > from));
  const touching = before.find((r) => from !== null && r.validTo === from);
  const setEnd: HistoryEdit['setEnd'] = [];
  const carrier = [holding, touching].find((r) => r !== undefined && r.valueId === valueId);
  if (carrier) {
    if (carrier.validTo !== null) setEnd.push({ id: carrier.id, validTo: null });
    const edit = { remove, setEnd, insert: null };
    return isNoEdit(edit) ? NO_EDIT : edit;
  }
  if (holding && from !== null) setEnd.push({ id: holding.id, validTo: from });
  return { remove, setEnd, insert: valueId === null ? null : { valueId, validFrom: from } };
}

export function isNoEdit(edit: HistoryEdit): boolean {
  return edit.remove.length === 0 && edit.setEnd.length === 0 && edit.insert === null;
}
