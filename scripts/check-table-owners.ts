import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { findViolations, tablesOfSchema } from './table-owners.ts';

// npm run depcheck (with dependency-cruiser): fails, listing file:line, when
// a table is touched outside its owner module. The rule is in
// scripts/table-owners.ts and docs/architecture.md ("Table owners").

const root = resolve(import.meta.dirname, '..');

function sources(dir: string): string[] {
  return readdirSync(join(root, dir), { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts') && !e.name.endsWith('.d.ts'))
    .map((e) => relative(root, join(e.parentPath, e.name)).split('\\').join('/'))
    .sort();
}

const tables = tablesOfSchema(readFileSync(join(root, 'src/db/schema.ts'), 'utf8'));
const files = [...sources('src'), ...sources('adapters')].map((path) => ({
  path,
  text: readFileSync(join(root, path), 'utf8'),
}));
const violations = findViolations(files, tables);
for (const v of violations) process.stderr.write(`${v.file}:${v.line}: ${v.message}\n`);
if (violations.length > 0) {
  process.stderr.write(`\n${violations.length} table access(es) outside their owner module.\n`);
  process.exit(1);
}
process.stdout.write(
  `table owners: ${tables.length} tables, ${files.length} files, no access outside an owner\n`,
);
