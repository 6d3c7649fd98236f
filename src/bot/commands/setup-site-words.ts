import type { Token } from '../../core/parsing/command-line.ts';
import type { SiteRow } from '../../db/schema.ts';
import { sitesOf } from '../../store/sites.ts';
import type { Trx } from '../context.ts';
import { UserError } from '../user-error.ts';
import { findSite } from './lookups.ts';
import { wordsWithin } from './setup-args.ts';

/**
 * The site named at the start of `words` and the words after it, so that
 * `Lincoln Elementary dec 21 to jan 1` needs no quotes: the longest run of
 * words that is a site's full name wins; else the first word, which may be
 * the start of one name ("Linc"). An unknown site is refused with the list.
 */
export async function siteAtStart(
  trx: Trx,
  networkId: number,
  words: readonly Token[],
  usage: string,
): Promise<{ site: SiteRow; rest: Token[] }> {
  if (words.length === 0) throw new UserError(`Which site? ${usage}`);
  const sites = await sitesOf(trx, networkId);
  // Lower case is never shorter, so no run longer than the longest name can be one.
  const longest = Math.max(0, ...sites.map((s) => s.name.toLowerCase().length));
  for (let n = wordsWithin(words, longest); n >= 1; n--) {
    const name = words
      .slice(0, n)
      .map((w) => w.text)
      .join(' ')
      .toLowerCase();
    const site = sites.find((s) => s.name.toLowerCase() === name);
    if (site) return { site, rest: words.slice(n) };
  }
  return { site: await findSite(trx, networkId, words[0]!.text), rest: words.slice(1) };
}
