import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { availableParallelism, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Migrator } from 'kysely/migration';
import pg from 'pg';
import { migrations } from '../../migrations/index.ts';
import { openDatabase } from '../../src/db/connect.ts';
import { directMessage, dmButtonPress, slashCommand } from '../../test/adapters/slack/support/payloads.ts';
import { interactionBody, slackSignature } from '../../test/adapters/slack/support/signing.ts';
import { SlackStandIn } from '../../test/adapters/slack/support/slack-stand-in.ts';
import { post, type Sample, stats, steadyLoad } from './load.ts';
import { BENCH_TEAM, seedBenchNetwork } from './seed.ts';

// The Slack ack bench: signed slash commands, button presses and DM events
// at a steady rate to the HTTP receiver of a bare Bolt app whose listeners
// only ack, and of pdsa-bot's adapter on the real core and a fresh
// PostgreSQL schema (dropped afterwards), in alternating 2-second segments.
// Each app runs in a process of its own; the stand-in Slack Web API and the
// load run here. Prints one
// JSON line with the ack latency (p50/p99, ms) of both: for slash commands
// and interactions (acked at once), for DM events (acked once stored), all.
//
//   BENCH_DATABASE_URL  PostgreSQL (default postgres://postgres@127.0.0.1:5432/test)
//   BENCH_RPS           requests per second (default 100)
//   BENCH_SECONDS       measured seconds per app (default 20), after BENCH_WARMUP_SECONDS (default 3)

const url = process.env.BENCH_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test';
const rps = Number(process.env.BENCH_RPS || 100);
const seconds = Number(process.env.BENCH_SECONDS || 20);
const warmup = Number(process.env.BENCH_WARMUP_SECONDS || 3);
const schema = `bench_slack_${process.pid}_${randomBytes(3).toString('hex')}`;
const secret = randomBytes(16).toString('hex');
const server = fileURLToPath(new URL('./server.ts', import.meta.url));
const MEMBERS = 40;
/** The load alternates between the two apps every this many seconds. */
const SEGMENT_SECONDS = 2;

async function admin(statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

async function prepareDatabase(): Promise<string[]> {
  const opened = await openDatabase({ kind: 'postgres', url }, { searchPath: schema, poolSize: 2 });
  try {
    // Kysely's migration tables in this schema by name: other schemas of the
    // same database (other benches, tests) must not be taken for ours.
    const migrated = await new Migrator({
      db: opened.db,
      provider: { getMigrations: async () => migrations },
      migrationTableSchema: schema,
    }).migrateToLatest();
    if (migrated.error) throw migrated.error;
    return await seedBenchNetwork(opened.db, MEMBERS);
  } finally {
    await opened.close();
  }
}

async function startApp(
  mode: 'ours' | 'bare',
  apiUrl: string,
): Promise<{ child: ChildProcess; port: number }> {
  const child = spawn(process.execPath, ['--import', 'tsx', server], {
    env: {
      ...process.env,
      BENCH_MODE: mode,
      BENCH_SLACK_API_URL: apiUrl,
      BENCH_SIGNING_SECRET: secret,
      BENCH_DATABASE_URL: url,
      BENCH_SCHEMA: schema,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const ready = /READY (\d+)/.exec(out);
      if (ready) resolve(Number(ready[1]));
    });
    child.once('exit', (code) => reject(new Error(`the ${mode} app exited (${code}) before it was ready`)));
  });
  return { child, port };
}

async function stopApp(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
  await exited;
  clearTimeout(timer);
}

/** Request i: a slash command, a button press or a DM, in turn, from one of the members. */
function shot(i: number, users: string[], standIn: SlackStandIn, run: string) {
  const user = users[i % users.length]!;
  const kind = (['command', 'action', 'event'] as const)[i % 3]!;
  if (kind === 'command') {
    const body = slashCommand({
      text: i % 2 === 0 ? 'status' : 'help',
      user,
      team: BENCH_TEAM,
      responseUrl: standIn.responseUrl(),
      triggerId: `${run}.${i}.trigger`,
    });
    return { kind, contentType: 'application/x-www-form-urlencoded', body };
  }
  if (kind === 'action') {
    const payload = dmButtonPress({
      actionId: `checkin.answer:${100000 + i}`,
      value: String(100000 + i),
      user,
      channel: `D${user.slice(1)}`,
      triggerId: `${run}.${i}.trigger`,
    });
    return { kind, contentType: 'application/x-www-form-urlencoded', body: interactionBody(payload) };
  }
  const body = directMessage({ text: 'hello', eventId: `Ev${run}${i}`, user, channel: `D${user.slice(1)}` });
  return { kind, contentType: 'application/json', body };
}

function firer(port: number, users: string[], standIn: SlackStandIn, run: string) {
  const target = new URL(`http://127.0.0.1:${port}/slack/events`);
  return async (i: number, tag: string): Promise<Sample> => {
    const s = shot(i, users, standIn, `${run}${tag}`);
    const timestamp = Math.floor(Date.now() / 1000);
    const answer = await post(
      target,
      {
        'content-type': s.contentType,
        'x-slack-request-timestamp': String(timestamp),
        'x-slack-signature': slackSignature(secret, timestamp, s.body),
      },
      s.body,
    );
    return { kind: s.kind, ms: answer.ms, status: answer.status };
  };
}

/**
 * Both apps run side by side; the load goes to one, then the other, in
 * short alternating segments, so that whatever else the machine is doing
 * weighs on both alike.
 */
async function measureBoth(
  ports: { bare: number; ours: number },
  users: string[],
  standIn: SlackStandIn,
): Promise<{ bare: Sample[]; ours: Sample[] }> {
  const fire = { bare: firer(ports.bare, users, standIn, 'b'), ours: firer(ports.ours, users, standIn, 'o') };
  for (const app of ['bare', 'ours'] as const) await steadyLoad(rps, warmup, (i) => fire[app](i, 'w'));
  const out = { bare: [] as Sample[], ours: [] as Sample[] };
  const segments = Math.max(1, Math.round(seconds / SEGMENT_SECONDS));
  for (let k = 0; k < 2 * segments; k += 1) {
    const app = k % 2 === 0 ? 'bare' : 'ours';
    // Each app's requests are numbered on across its segments, so that every event id is new.
    const offset = Math.floor(k / 2) * Math.round((rps * seconds) / segments);
    out[app].push(...(await steadyLoad(rps, seconds / segments, (i) => fire[app](offset + i, `m`))));
  }
  return out;
}

/** The spec's mix (slash commands and interactions, acked at once), DM events (acked once stored), and all. */
function summary(samples: Sample[]) {
  return {
    commandsAndInteractions: stats(samples.filter((s) => s.kind !== 'event')),
    events: stats(samples.filter((s) => s.kind === 'event')),
    all: stats(samples),
  };
}

const ratio = (a: number, b: number) => (b > 0 ? Math.round((a / b) * 100) / 100 : null);

async function main(): Promise<void> {
  const loadBefore = loadavg()[0]!;
  await admin(`create schema ${schema}`);
  const standIn = await SlackStandIn.start({ teamId: BENCH_TEAM });
  const apps: ChildProcess[] = [];
  try {
    const users = await prepareDatabase();

    const bare = await startApp('bare', standIn.apiUrl);
    apps.push(bare.child);
    const ours = await startApp('ours', standIn.apiUrl);
    apps.push(ours.child);
    const { bare: bareSamples, ours: ourSamples } = await measureBoth(
      { bare: bare.port, ours: ours.port },
      users,
      standIn,
    );
    // Let the work that follows the acks finish before the apps stop.
    await new Promise((r) => setTimeout(r, 1000));

    const oursStats = summary(ourSamples);
    const bareStats = summary(bareSamples);
    const headline = ratio(oursStats.commandsAndInteractions.p99, bareStats.commandsAndInteractions.p99);
    process.stdout.write(
      `${JSON.stringify({
        bench: 'slack-ack',
        rps,
        seconds,
        requestsPerApp: ourSamples.length,
        mix: 'in turn: /pdsa status or help, a button press (block_actions), a DM (message.im event)',
        unit: 'ms',
        ours: oursStats,
        bareBolt: bareStats,
        p99Ratio: {
          commandsAndInteractions: headline,
          events: ratio(oursStats.events.p99, bareStats.events.p99),
          all: ratio(oursStats.all.p99, bareStats.all.p99),
        },
        note: 'events are acked only after the core committed them (so that Slack retries them when the database is down); bare Bolt acks them before any work',
        // The same machine runs the load, the stand-in Slack, PostgreSQL and both apps.
        machine: {
          cpus: availableParallelism(),
          loadAverage1mBefore: Math.round(loadBefore * 100) / 100,
          loadAverage1mAfter: Math.round(loadavg()[0]! * 100) / 100,
        },
        target: { p99BelowMs: 100, withinBareTimes: 2, on: 'commandsAndInteractions' },
        targetMet:
          oursStats.commandsAndInteractions.p99 < 100 &&
          (headline === null || headline <= 2) &&
          oursStats.all.non2xx === 0,
      })}\n`,
    );
  } finally {
    await Promise.all(apps.map(stopApp));
    await standIn.close();
    await admin(`drop schema if exists ${schema} cascade`);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`bench:slack failed: ${(error as Error)?.stack ?? error}\n`);
  process.exitCode = 1;
});
