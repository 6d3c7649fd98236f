import { naturalCompare } from '../natural-order.ts';

// Which sites get a panel in the digest's chart, and in what order. One
// order for the chart and for any list of sites the digest's text gives, so
// that a reader who looks from one to the other finds the sites in the same
// places; `SITE_ORDER_WORDS` says it in words the text can repeat.

export const MAX_PANELS = 24;

export type SiteSize = {
  name: string /** Typical weekly size (mean denominator); null when the measure has none. */;
  size: number | null;
};

/**
 * By size, smallest first, because a small site's figures swing more: the
 * reader sees the wide swings together and never reads the order as a
 * ranking of results. Sites without a size (value measures) come after, and
 * names break ties as a person sorts them (S2 before S10).
 */
export function compareSiteOrder(a: SiteSize, b: SiteSize): number {
  if (a.size !== b.size) {
    if (a.size === null) return 1;
    if (b.size === null) return -1;
    return a.size - b.size;
  }
  return naturalCompare(a.name, b.name);
}

export function inSiteOrder<T extends SiteSize>(sites: readonly T[]): T[] {
  return [...sites].sort(compareSiteOrder);
}

/** How `inSiteOrder` orders these sites, as the chart's subtitle and the text say it. */
export function siteOrderWords(sites: readonly SiteSize[]): string {
  return sites.some((s) => s.size !== null) ? 'from smallest to largest' : 'in alphabetical order';
}

/** Who gets a panel first: sites the digest names, then sites whose own series changed, then the rest. */
export type PanelPriority = 'named' | 'changed' | 'other';

/**
 * The sites that get a panel, in `ordered`'s order. Sites the digest names
 * always get one (the chart shows what the words say), then sites whose own
 * weekly series signals a change; the other panels go to sites spread evenly
 * along the order, so that a large network's chart shows small, middling and
 * large sites rather than only the smallest.
 */
export function choosePanels<T>(
  ordered: readonly T[],
  priority: (site: T) => PanelPriority,
  max = MAX_PANELS,
): T[] {
  if (ordered.length <= max) return [...ordered];
  const chosen = new Set(ordered.filter((s) => priority(s) === 'named').slice(0, max));
  for (const site of ordered) {
    if (chosen.size >= max) break;
    if (priority(site) === 'changed') chosen.add(site);
  }
  const rest = ordered.filter((s) => !chosen.has(s));
  const free = max - chosen.size;
  for (let k = 0; k < free; k++) {
    // The middle of each of `free` equal slices of the rest.
    const site = rest[Math.floor(((k + 0.5) * rest.length) / free)];
    if (site !== undefined) chosen.add(site);
  }
  return ordered.filter((s) => chosen.has(s));
}

/** What the panels are, for the chart's subtitle and its alt text. */
export function panelsWords(
  shown: readonly { priority: PanelPriority }[],
  total: number,
  orderWords: string,
): string {
  if (shown.length >= total) return `Sites ${orderWords}.`;
  const named = shown.filter((s) => s.priority === 'named').length;
  const changed = shown.filter((s) => s.priority === 'changed').length;
  const others = shown.length - named - changed;
  if (named + changed === 0)
    return `${shown.length} of ${total} sites, spread across the network ${orderWords}.`;
  const parts = [
    named ? `${named} named in the digest` : '',
    changed ? `${changed} that changed over the weeks` : '',
    others ? `${others} ${others === 1 ? 'other' : 'others'} spread across the network` : '',
  ].filter(Boolean);
  const list = parts.length > 1 ? `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}` : (parts[0] ?? '');
  return `${shown.length} of ${total} sites, ${orderWords}: ${list}.`;
}
