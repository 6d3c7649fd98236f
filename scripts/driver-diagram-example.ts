import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { renderDriverDiagram } from '../src/chart/driver-diagram.ts';
import { openDatabase } from '../src/db/connect.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { createDemoNetwork } from '../src/demo/create-demo.ts';
import { loadDriverTree } from '../src/learning/driver-tree.ts';

// Writes docs/driver-diagram-example.png: the sample network's driver
// diagram as `/pdsa drivers` draws it, on a throwaway database, on a fixed
// day, so that the example in the docs can be drawn again after a change to
// the picture and looked at before it is committed.
//   node --import tsx scripts/driver-diagram-example.ts

const out = resolve(import.meta.dirname, '../docs/driver-diagram-example.png');
const opened = await openDatabase({ kind: 'pglite', dataDir: 'memory' });
try {
  await migrateToLatest(opened.db);
  const demo = await createDemoNetwork(opened.db, {
    now: new Date('2026-11-30T15:00:00Z'),
    platform: 'shell',
  });
  const network = await opened.db
    .selectFrom('networks')
    .select(['id', 'aim'])
    .where('id', '=', demo.networkId)
    .executeTakeFirstOrThrow();
  const tree = await loadDriverTree(opened.db, network);
  writeFileSync(out, await renderDriverDiagram(tree, `${demo.name}: driver diagram`, 'small'));
  process.stdout.write(`Wrote ${out}\n`);
} finally {
  await opened.close();
}
