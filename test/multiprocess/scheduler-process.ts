// One bot process's scheduler (planner, digest job, dispatcher) on a shared
// database, with a clock its parent moves; every message it sends goes to
// the parent, which plays the chat platform.
import { randomUUID } from 'node:crypto';
import { composeCheckinPrompt } from '../../src/bot/checkins/compose-prompt.ts';
import { defaultSettings } from '../../src/core/settings.ts';
import { openDatabase } from '../../src/db/connect.ts';
import { digestJob } from '../../src/digest/post-digests.ts';
import type { PlatformPort } from '../../src/platform/platform-port.ts';
import { createDispatcher } from '../../src/scheduler/dispatcher.ts';
import { createScheduler } from '../../src/scheduler/tick.ts';

const [url, schema, name] = process.argv.slice(2) as [string, string, string];
const { db } = await openDatabase({ kind: 'postgres', url }, { searchPath: schema, poolSize: 3 });
let now = new Date(0);
const port: PlatformPort = {
  platform: 'shell',
  async send(address, message) {
    const id = randomUUID();
    process.send?.({
      type: 'sent',
      id,
      to: String(address.channel ?? address.user),
      summary: message.summary,
      by: name,
    });
    return { id };
  },
  async update() {},
};
const dispatcher = createDispatcher({
  db,
  ports: new Map([['shell', port]]),
  clock: () => now,
  owner: name,
  leaseMs: 60_000,
  batchSize: 50,
  maxAttempts: 8,
});
const scheduler = createScheduler({
  db,
  clock: () => now,
  settings: defaultSettings,
  dispatcher,
  composePrompt: composeCheckinPrompt,
  cron: '* * * * *',
  extraJobs: [digestJob({ db, renderChart: false })],
});
process.on('message', async (m: { type: string; at?: string }) => {
  if (m.type === 'tick') {
    now = new Date(m.at!);
    await scheduler.runOnce(now);
    process.send?.({ type: 'done' });
  } else if (m.type === 'stop') {
    await scheduler.stop();
    await db.destroy();
    process.exit(0);
  }
});
process.send?.({ type: 'ready' });
