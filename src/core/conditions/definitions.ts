import { tidyName } from '../named.ts';
import { quoteInput } from '../quoted-input.ts';

// What a network says about its sites: conditions (level, locale, size)
// and the values each may take (elementary, middle, high). Few and short on
// purpose: every condition is a column in the exports, a line under every
// idea in the learnings and an input in the site form, and every value
// splits the sites that tested an idea into smaller groups.

export const MAX_CONDITION_NAME = 40;
export const MAX_CONDITION_VALUE = 60;
/** Conditions per network. */
export const MAX_CONDITIONS = 8;
/** Values per condition: with more, each would hold too few sites to say anything. */
export const MAX_VALUES = 12;

export type ConditionDefinition = { name: string; values: string[] };

/** A condition of a network as stored: its values in the order they were added. */
export type NetworkCondition = { id: number; name: string; values: { id: number; value: string }[] };

export type DefinitionsResult =
  | { ok: true; definitions: ConditionDefinition[] }
  | { ok: false; error: string };

export const DEFINITIONS_EXAMPLE = 'level: elementary, middle, high; locale: urban, rural, island';

/**
 * Reads `level: elementary, middle, high; locale: urban, rural` (conditions
 * with their values, separated by `;` or new lines) or `level, locale`
 * (names alone, values added later). Values repeated are kept once.
 */
export function parseDefinitions(text: string): DefinitionsResult {
  const parts = text
    .split(/[;\n]/)
    .map((p) => p.trim())
    .filter((p) => p !== '');
  if (parts.length === 0)
    return { ok: false, error: `Name the conditions, e.g. \`${DEFINITIONS_EXAMPLE}\`.` };
  const withColon = parts.some((p) => p.includes(':'));
  const pieces = withColon ? parts : parts.flatMap((p) => p.split(','));
  const definitions: ConditionDefinition[] = [];
  const names = new Set<string>();
  for (const piece of pieces) {
    const colon = piece.indexOf(':');
    const name = tidyName(colon === -1 ? piece : piece.slice(0, colon));
    if (name === '') {
      if (colon === -1) continue;
      return {
        ok: false,
        error: `A list of values needs its condition's name before the colon, e.g. \`${DEFINITIONS_EXAMPLE}\`.`,
      };
    }
    const values = parseValueList(colon === -1 ? '' : piece.slice(colon + 1));
    if (names.has(name.toLowerCase())) {
      return {
        ok: false,
        error: `${quoteInput(name)} is named twice. Give each condition once, with all its values.`,
      };
    }
    names.add(name.toLowerCase());
    definitions.push({ name, values });
  }
  if (definitions.length === 0)
    return { ok: false, error: `Name the conditions, e.g. \`${DEFINITIONS_EXAMPLE}\`.` };
  return { ok: true, definitions };
}

/** Values typed as `a, b, c`, tidied, each once (in a set: linear however many are pasted). A value cannot hold a comma. */
export function parseValueList(text: string): string[] {
  const seen = new Set<string>();
  const values: string[] = [];
  for (const raw of text.split(/[,\n]/)) {
    const value = tidyName(raw);
    const key = value.toLowerCase();
    if (value === '' || seen.has(key)) continue;
    seen.add(key);
    values.push(value);
  }
  return values;
}
