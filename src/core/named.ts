// Finding what a person named among a short list of names (a condition, one
// of its values, a driver): the same rule everywhere, so that "mid" finds
// "middle" when nothing else starts that way, and a refusal can list what
// there is.

export type NameMatch<T> =
  | { kind: 'found'; item: T }
  | { kind: 'none' }
  /** Several names start with what was typed. */
  | { kind: 'ambiguous'; items: T[] };

/** Spaces at the ends dropped and runs of spaces made one, so "middle  school" is "middle school". */
export function tidyName(text: string): string {
  return text.trim().replace(/\s+/g, ' ');
}

/** Equal when their tidy forms are, ignoring case. */
export function sameName(a: string, b: string): boolean {
  return tidyName(a).toLowerCase() === tidyName(b).toLowerCase();
}

/** The item whose name is `typed` (ignoring case), else the only one whose name starts with it. */
export function matchName<T>(items: readonly T[], nameOf: (item: T) => string, typed: string): NameMatch<T> {
  const wanted = tidyName(typed).toLowerCase();
  if (wanted === '') return { kind: 'none' };
  const exact = items.find((item) => tidyName(nameOf(item)).toLowerCase() === wanted);
  if (exact !== undefined) return { kind: 'found', item: exact };
  const starts = items.filter((item) => tidyName(nameOf(item)).toLowerCase().startsWith(wanted));
  if (starts.length === 1) return { kind: 'found', item: starts[0]! };
  return starts.length > 1 ? { kind: 'ambiguous', items: starts } : { kind: 'none' };
}
