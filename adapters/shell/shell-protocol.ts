// The line protocol of the terminal adapter (documented in README.md).

export type ShellLine =
  | { kind: 'empty' }
  | { kind: 'command'; text: string }
  | { kind: 'as'; name: string }
  | { kind: 'clock'; to: ClockMove }
  | { kind: 'press'; choice: string }
  | { kind: 'reply'; text: string }
  | { kind: 'invalid'; message: string };

export type ClockMove =
  | { kind: 'relative'; ms: number }
  | { kind: 'absolute'; iso: string }
  | { kind: 'show' };

const UNIT_MS: Record<string, number> = { m: 60_000, h: 3_600_000, d: 86_400_000, w: 7 * 86_400_000 };

export function parseShellLine(raw: string): ShellLine {
  const line = raw.trim();
  if (line === '' || line.startsWith('#')) return { kind: 'empty' };
  if (/^\/pdsa(\s|$)/i.test(line)) return { kind: 'command', text: line };
  const as = /^as\s+(.+)$/i.exec(line);
  if (as) return { kind: 'as', name: as[1]!.trim() };
  if (/^as$/i.test(line))
    return { kind: 'invalid', message: 'Type `as <name>` to speak as someone, e.g. `as Ana`.' };
  const press = /^press\s+(.+)$/i.exec(line);
  if (press) return { kind: 'press', choice: press[1]!.trim() };
  const clock = /^clock(?:\s+(.*))?$/i.exec(line);
  if (clock) {
    const arg = (clock[1] ?? '').trim();
    if (arg === '') return { kind: 'clock', to: { kind: 'show' } };
    const rel = /^\+(\d+)\s*([mhdw])$/i.exec(arg);
    if (rel)
      return {
        kind: 'clock',
        to: { kind: 'relative', ms: Number(rel[1]) * UNIT_MS[rel[2]!.toLowerCase()]! },
      };
    if (/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2})?)?(Z|[+-]\d{2}:?\d{2})?$/.test(arg)) {
      return { kind: 'clock', to: { kind: 'absolute', iso: arg } };
    }
    return {
      kind: 'invalid',
      message: `I can't move the clock by "${arg}". Type \`clock +3d\`, \`clock +2h\`, \`clock +1w\` or \`clock 2026-12-01T08:00\`.`,
    };
  }
  return { kind: 'reply', text: line };
}
