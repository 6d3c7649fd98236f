import { plural } from './format.ts';
import type { DigestData } from './types.ts';

// The week in numbers: cycles and check-in participation per site (by name).

export function cyclesLine(data: DigestData): string {
  const c = data.cycles;
  const early = c.closedEarly > 0 ? `, ${c.closedEarly} closed early without a decision` : '';
  return `${plural(c.active, 'cycle')} active, ${c.started} started, ${c.completed} completed${early}.`;
}

export function participationLines(data: DigestData): { total: string | null; perSite: string | null } {
  const names = new Map(data.sites.map((s) => [s.id, s.name]));
  const rows = data.participation
    .filter((p) => p.asked > 0 && names.has(p.siteId))
    .sort((a, b) => names.get(a.siteId)!.localeCompare(names.get(b.siteId)!));
  if (rows.length === 0) return { total: null, perSite: null };
  const asked = rows.reduce((n, p) => n + p.asked, 0);
  const answered = rows.reduce((n, p) => n + p.answered, 0);
  return {
    total: `Check-ins answered: ${answered.toLocaleString('en-US')} of ${asked.toLocaleString('en-US')} asked.`,
    perSite: `By site (answered / asked): ${rows.map((p) => `${names.get(p.siteId)} ${p.answered}/${p.asked}`).join(', ')}.`,
  };
}
