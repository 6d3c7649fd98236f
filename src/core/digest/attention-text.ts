import { dayText, plural } from './format.ts';
import type { DigestData } from './types.ts';

// Who needs a nudge: check-ins overdue, and people the bot cannot reach
// (they left the workspace or removed the app). Listed by due date and name.

const PHASE: Record<string, string> = { plan: 'Plan', do: 'Do', study: 'Study', act: 'Act' };

export interface AttentionText {
  summary: string | null;
  lines: string[];
}

export function attentionText(data: DigestData): AttentionText {
  const { overdue, unreachable } = data;
  const zone = data.network.timeZone;
  const lines: string[] = [];
  const parts: string[] = [];
  if (overdue.total > 0) {
    parts.push(plural(overdue.total, 'overdue check-in'));
    lines.push(`**Overdue check-ins** (${overdue.total}):`);
    for (const o of overdue.items) {
      lines.push(
        `• ${o.person}${o.site ? ` (${o.site})` : ''}: ${PHASE[o.phase] ?? o.phase} for cycle #${o.cycleId}, due ${dayText(o.dueAt, zone)}`,
      );
    }
    if (overdue.total > overdue.items.length)
      lines.push(`…and ${overdue.total - overdue.items.length} more: \`/pdsa status\`.`);
    lines.push('Nudge with `/pdsa remind <cycle number>`.');
  }
  if (unreachable.total > 0) {
    parts.push(`${plural(unreachable.total, 'person', 'people')} the bot cannot reach`);
    lines.push(`**Cannot be reached** (${unreachable.total}):`);
    for (const u of unreachable.items) {
      lines.push(
        `• ${u.person}${u.site ? ` (${u.site})` : ''}: ${u.reason ?? 'messages fail'}, since ${dayText(u.since, zone)}`,
      );
    }
    if (unreachable.total > unreachable.items.length) {
      lines.push(`…and ${unreachable.total - unreachable.items.length} more: \`/pdsa status\`.`);
    }
    lines.push(
      'They may have left the workspace or removed the app; they are reachable again once they write to the bot.',
    );
  }
  return { summary: parts.length ? parts.join(' and ') : null, lines };
}
