// A dispatcher process that claims due rows and then hangs in its sends, to
// be killed with SIGKILL by the fault test while it holds their leases.

import { openDatabase } from '../src/db/connect.ts';
import type { PlatformPort } from '../src/platform/platform-port.ts';
import { createDispatcher } from '../src/scheduler/dispatcher.ts';

const url = process.argv[2]!;
const { db } = await openDatabase({ kind: 'postgres', url }, { poolSize: 2 });
const hanging: PlatformPort = {
  platform: 'shell',
  send: () => new Promise(() => {}),
  update: async () => {},
};
const dispatcher = createDispatcher({
  db,
  ports: new Map([['shell', hanging]]),
  clock: () => new Date(),
  owner: 'doomed',
  leaseMs: 3_000,
  batchSize: 10,
  maxAttempts: 8,
  concurrency: 10,
});
void dispatcher.dispatchDue();
process.send?.('claimed');
