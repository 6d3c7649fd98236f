/**
 * `text` in at most `max` characters, "…" included: cut at a space where
 * there is one in the last 40%, so that no word is cut into another (a
 * "nulla" shown as "null…"); a very long word is cut where it must be.
 */
export function shortened(text: string, max: number): string {
  if (text.length <= max) return text;
  const slice = text.slice(0, max - 1);
  const space = slice.lastIndexOf(' ');
  return `${(space >= max * 0.6 ? slice.slice(0, space) : slice).trimEnd()}…`;
}
