import type { SiteComparator } from './site-order.ts';
import type { DigestData } from './types.ts';

// Check-ins answered per site, for the thread, in the chart's order.

export function participationLine(data: DigestData, order: SiteComparator): string | null {
  const names = new Map(data.sites.map((s) => [s.id, s.name]));
  const rows = data.participation
    .filter((p) => p.asked > 0 && names.has(p.siteId))
    .sort((a, b) => order(names.get(a.siteId)!, names.get(b.siteId)!));
  if (rows.length === 0) return null;
  const asked = rows.reduce((n, p) => n + p.asked, 0);
  const answered = rows.reduce((n, p) => n + p.answered, 0);
  return `Check-ins answered this week: ${answered.toLocaleString('en-US')} of ${asked.toLocaleString('en-US')} asked. By site (answered / asked): ${rows.map((p) => `${names.get(p.siteId)} ${p.answered}/${p.asked}`).join(', ')}.`;
}
