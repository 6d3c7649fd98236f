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

const startsOnOrAfter = (r: ConditionRange, from: string | null) =>
  from === null || (r.validFrom !== null && r.validFrom >= from);

/** The range in force on `from`; for null, the one that runs from the start. */
function inForceOn(ranges: readonly ConditionRange[], from: string | null): ConditionRange | undefined {
  return from === null ? ranges.find((r) => r.validFrom === null) : rangeOn(ranges, from);
}

/**
 * The edit that makes the value `valueId` from `from` on, replacing whatever
 * was recorded from that day. A value that merely carries on (the same value
 * already in force on that day, or ending just then) keeps its range, which
 * runs on instead of a new one being added; setting what is already so
 * changes nothing.
 */
export function planValueChange(
  ranges: readonly ConditionRange[],
  valueId: number | null,
  from: string | null,
): HistoryEdit {
  const inForce = inForceOn(ranges, from);
  const touching = from === null ? undefined : ranges.find((r) => r.validTo === from);
  const carrier = [inForce, touching].find((r) => r !== undefined && r.valueId === valueId);
  if (carrier) {
    const remove = ranges.filter((r) => r !== carrier && startsOnOrAfter(r, from)).map((r) => r.id);
    const setEnd = carrier.validTo === null ? [] : [{ id: carrier.id, validTo: null }];
    return { remove, setEnd, insert: null };
  }
  const remove = ranges.filter((r) => startsOnOrAfter(r, from)).map((r) => r.id);
  const setEnd =
    inForce && from !== null && !startsOnOrAfter(inForce, from) ? [{ id: inForce.id, validTo: from }] : [];
  return { remove, setEnd, insert: valueId === null ? null : { valueId, validFrom: from } };
}

export function isNoEdit(edit: HistoryEdit): boolean {
  return edit.remove.length === 0 && edit.setEnd.length === 0 && edit.insert === null;
}
