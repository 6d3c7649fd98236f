// The rule of docs/architecture.md ("Table owners"), as data and a check:
// every table has one owner module, the only place that writes it; reads
// happen in src/store/ (owners, and read models in src/store/views/) or in
// the two read models that span the whole network, the digest (src/digest/)
// and the learning section (src/learning/). Run by
// scripts/check-table-owners.ts in `npm run depcheck`.

export type Rules = {
  /** Table → the file (or folder, ending in /) that owns it. */
  owners: Record<string, readonly string[]>;
  /** Folders (ending in /) or files where any table may be read, never written. */
  readModels: readonly string[];
  /**
   * Accesses not yet moved into their owner: "file → tables". The check
   * fails when an entry is no longer needed, so the list only shrinks.
   */
  pending: Record<string, readonly string[]>;
};

export const RULES: Rules = {
  owners: {
    // Each platform's adapter keeps its own installations (credentials) and
    // writes only its own platform's rows.
    installations: ['adapters/slack/store.ts', 'adapters/teams/store.ts'],
    networks: ['src/store/networks.ts'],
    sites: ['src/store/sites.ts'],
    site_breaks: ['src/store/site-breaks.ts'],
    people: ['src/store/people.ts'],
    members: ['src/store/members.ts'],
    measures: ['src/store/measures.ts'],
    change_ideas: ['src/store/change-ideas.ts'],
    conditions: ['src/store/conditions.ts'],
    condition_values: ['src/store/condition-values.ts'],
    site_conditions: ['src/store/site-conditions.ts'],
    drivers: ['src/store/drivers.ts'],
    idea_drivers: ['src/store/idea-drivers.ts'],
    cycles: ['src/store/cycles.ts'],
    cycle_participants: ['src/store/cycles.ts'],
    checkins: ['src/store/checkins.ts'],
    checkin_revisions: ['src/store/checkins.ts'],
    raw_replies: ['src/store/raw-replies.ts'],
    deliveries: ['src/store/deliveries/'],
    digests: ['src/store/digests.ts'],
    inbound_events: ['src/store/inbound-events.ts'],
    published_files: ['src/store/published-files.ts'],
  },
  readModels: ['src/store/', 'src/digest/', 'src/learning/'],
  pending: {},
};

export type Access = { table: string; line: number; write: boolean; how: string };
export type Violation = { file: string; line: number; table: string; message: string };

const CALL =
  /\b(selectFrom|insertInto|updateTable|deleteFrom|mergeInto|innerJoin|leftJoin|rightJoin|fullJoin|crossJoin|innerJoinLateral|leftJoinLateral)\(\s*['"`]([a-z_][a-z0-9_]*)/g;
// A table named by a variable or by sql.table(): which table is touched is
// known only at run time, so only src/store/ may do it.
const DYNAMIC =
  /\b(?:(selectFrom|insertInto|updateTable|deleteFrom|mergeInto)\(\s*([A-Za-z_$][\w$]*)\s*[,)]|sql\.table\()/g;
const WRITES = new Set(['insertInto', 'updateTable', 'deleteFrom', 'mergeInto']);
const RAW_SQL = /\bsql(?:<[^`>]*(?:<[^`>]*>[^`>]*)*>)?`([^`]*)`/g;
const RAW_WRITE =
  /\b(?:insert\s+into|update|delete\s+from|merge\s+into|truncate(?:\s+table)?)\s+"?([a-z_][a-z0-9_]*)/gi;
const RAW_READ = /\b(?:from|join)\s+"?([a-z_][a-z0-9_]*)/gi;

/** The tables a source file touches, by kysely call or raw SQL naming a known table. */
export function tableAccesses(text: string, tables: ReadonlySet<string>): Access[] {
  const found: Access[] = [];
  const lineAt = (index: number) => text.slice(0, index).split('\n').length;
  for (const m of text.matchAll(CALL)) {
    const table = m[2]!;
    if (tables.has(table)) found.push({ table, line: lineAt(m.index), write: WRITES.has(m[1]!), how: m[1]! });
  }
  for (const m of text.matchAll(DYNAMIC)) {
    found.push({ table: '*', line: lineAt(m.index), write: m[1] !== 'selectFrom', how: m[1] ?? 'sql.table' });
  }
  for (const m of text.matchAll(RAW_SQL)) {
    const body = m[1]!;
    const at = m.index + m[0].indexOf('`') + 1;
    const written = new Set<number>();
    for (const w of body.matchAll(RAW_WRITE)) {
      const table = w[1]!.toLowerCase();
      if (!tables.has(table)) continue;
      written.add(w.index);
      found.push({ table, line: lineAt(at + w.index), write: true, how: 'raw sql' });
    }
    for (const r of body.matchAll(RAW_READ)) {
      const table = r[1]!.toLowerCase();
      // "delete from x" was counted as a write already.
      if (!tables.has(table) || [...written].some((i) => r.index > i && r.index - i < 12)) continue;
      found.push({ table, line: lineAt(at + r.index), write: false, how: 'raw sql' });
    }
  }
  return found.sort((a, b) => a.line - b.line);
}

const within = (file: string, places: readonly string[]) =>
  places.some((p) => (p.endsWith('/') ? file.startsWith(p) : file === p));

/** Every access that breaks the rules, and every pending entry no longer needed. */
export function findViolations(
  files: readonly { path: string; text: string }[],
  tables: readonly string[],
  rules: Rules = RULES,
): Violation[] {
  const violations: Violation[] = [];
  for (const table of tables) {
    if (!rules.owners[table]?.length) {
      violations.push({
        file: 'src/db/schema.ts',
        line: 1,
        table,
        message: `table ${table} has no owner module`,
      });
    }
  }
  const known = new Set(tables);
  const pendingUsed = new Set<string>();
  for (const { path, text } of files) {
    for (const access of tableAccesses(text, known)) {
      // A table named at run time may be any table: only src/store/ (or a read model, reading) may do it.
      const owners = access.table === '*' ? ['src/store/'] : (rules.owners[access.table] ?? []);
      if (within(path, owners)) continue;
      if (!access.write && within(path, rules.readModels)) continue;
      if (rules.pending[path]?.includes(access.table)) {
        pendingUsed.add(`${path}\0${access.table}`);
        continue;
      }
      violations.push({
        file: path,
        line: access.line,
        table: access.table,
        message: `${access.write ? 'writes' : 'reads'} ${access.table === '*' ? 'a table named at run time' : access.table} (${access.how}); ${
          access.write ? 'only' : 'call'
        } its owner ${owners.join(' or ')}${access.write ? ' writes it' : ', or read it in a read model (src/store/views/)'}`,
      });
    }
  }
  for (const [path, pendingTables] of Object.entries(rules.pending)) {
    for (const table of pendingTables) {
      if (!pendingUsed.has(`${path}\0${table}`)) {
        violations.push({
          file: 'scripts/table-owners.ts',
          line: 1,
          table,
          message: `pending entry ${path} → ${table} is no longer needed; remove it`,
        });
      }
    }
  }
  return violations;
}

/** The tables of src/db/schema.ts's Database interface. */
export function tablesOfSchema(schema: string): string[] {
  const body = /export interface Database \{([^}]*)\}/.exec(schema)?.[1] ?? '';
  return [...body.matchAll(/^\s*([a-z_][a-z0-9_]*):/gm)].map((m) => m[1]!);
}
