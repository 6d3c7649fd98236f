import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { delimiter, join, resolve } from 'node:path';
import { type Browser, chromium, type Response } from 'playwright-core';
import {
  type BotProcess,
  freePort,
  type PlaygroundProcess,
  ROOT,
  startBot,
  startPlayground,
  TRY_IT_SETTINGS,
} from '../../scripts/playground/launch.ts';
import { PlaygroundPage } from './playground-page.ts';

// Everything the Playground test runs: pdsa-bot in local Teams mode on a
// fresh in-memory database, one Agents Playground per person (each its own
// tenant and user, pointed at the same bot), and a headless Chromium with a
// window on each. Screenshots, logs and what each Playground logged go to
// .ci/artifacts/playground/, which CI keeps.

export const ARTIFACTS = resolve(ROOT, '.ci/artifacts/playground');

/** What a Playground's log panel shows: its exchanges with the bot, and its own notes. */
export type PlaygroundLogItem = {
  type?: string;
  level?: string;
  displayText?: string;
  activityName?: string;
  from?: string;
  to?: string;
  response?: { statusCode?: number };
};

export type Person = {
  name: string;
  window: PlaygroundPage;
  playground: PlaygroundProcess;
  log: PlaygroundLogItem[];
  /** Every HTTP response the window received from the bot's address (charts, files). */
  fromBot: Response[];
};

export type Session = {
  bot: BotProcess;
  people: Record<string, Person>;
  close(): Promise<void>;
};

/** The Playground's own sample people (its configuration wants at least five besides the current one). */
const PEOPLE = [
  ['user-id-0', 'Alex Wilber', 'alexw', '20'],
  ['user-id-1', 'Megan Bowen', 'meganb', '21'],
  ['user-id-2', 'Adele Vance', 'adelev', '22'],
  ['user-id-3', 'Isaiah Langer', 'isaiahl', '23'],
  ['user-id-4', 'Patti Fernandez', 'pattif', '24'],
  ['user-id-5', 'Lynne Robbins', 'lynner', '25'],
] as const;

/** One person as YAML lines, each starting with `indent` (the first with `first`). */
function personYaml([id, name, mail, n]: (typeof PEOPLE)[number], first: string, indent: string): string {
  const [given, surname] = name.split(' ');
  return [
    `id: ${id}`,
    `name: ${name}`,
    `userPrincipleName: ${mail}@example.com`,
    `aadObjectId: 00000000-0000-0000-0000-00000000000${n}`,
    `givenName: ${given}`,
    `surname: ${surname}`,
    `email: ${mail}@example.com`,
  ]
    .map((line, i) => `${i === 0 ? first : indent}${line}`)
    .join('\n');
}

/** A Playground configuration in which `name` is at the keyboard, in a tenant of their own. */
function configFor(name: string, tenant: number): string {
  const me = PEOPLE.find((p) => p[1] === name);
  if (!me) throw new Error(`not one of the Playground's people: ${name}`);
  const others = PEOPLE.filter((p) => p !== me).map((p) => personYaml(p, '  - ', '    '));
  return `version: "0.1.1"
tenantId: 00000000-0000-0000-0000-000000000000${tenant}
bot:
  id: 00000000-0000-0000-0000-00000000000011
  name: Test Bot
currentUser:
${personYaml(me, '  ', '  ')}
users:
${others.join('\n')}
personalChat:
  id: __PERSONAL_CHAT_ID__
groupChat:
  id: __GROUP_CHAT_ID__
  name: Group Chat
team:
  id: team-id-${tenant}
  name: Team ${tenant}
  aadGroupId: 00000000-0000-0000-0000-00000000003${tenant}
  channels:
    - id: channel-announcements-id-${tenant}
      name: Announcements
`;
}

export async function startSession(names: string[]): Promise<Session> {
  rmSync(ARTIFACTS, { recursive: true, force: true });
  mkdirSync(ARTIFACTS, { recursive: true });
  const started: { stop(): Promise<void> }[] = [];
  let browser: Browser | undefined;
  const logs: Record<string, PlaygroundLogItem[]> = {};
  const close = async () => {
    await browser?.close().catch(() => {});
    await Promise.allSettled(started.map((s) => s.stop()));
    for (const [slug, items] of Object.entries(logs)) {
      writeFileSync(
        join(ARTIFACTS, `playground-${slug}.panel.jsonl`),
        items.map((item) => JSON.stringify(item)).join('\n'),
      );
    }
  };
  try {
    const bot = await startBot({
      port: await freePort(),
      env: {
        ...TRY_IT_SETTINGS,
        PDSA_TICK_CRON: '*/2 * * * * *',
        PDSA_DATA_DIR: 'memory',
        LOG_LEVEL: 'info',
      },
      logFile: join(ARTIFACTS, 'bot.log'),
    });
    started.push(bot);
    const playgrounds: PlaygroundProcess[] = [];
    for (const [i, name] of names.entries()) {
      // Each person is in a tenant of their own, as two school systems' Teams would be.
      const slug = name.split(' ')[0]!.toLowerCase();
      const configPath = join(ARTIFACTS, `${slug}.m365agentsplayground.yml`);
      writeFileSync(configPath, configFor(name, i + 1));
      const playground = await startPlayground({
        port: await freePort(),
        botEndpoint: bot.endpoint,
        logFile: join(ARTIFACTS, `playground-${slug}.log`),
        configPath,
      });
      started.push(playground);
      playgrounds.push(playground);
    }
    browser = await chromium.launch({
      executablePath: chromiumPath(),
      // The brief's flags: no sandbox (root in CI), and nothing that reaches for the closed network.
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
    const people: Record<string, Person> = {};
    for (const [i, name] of names.entries()) {
      const playground = playgrounds[i]!;
      const log = await followLog(playground);
      const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
      const page = await context.newPage();
      const fromBot: Response[] = [];
      page.on('response', (response) => {
        if (response.url().startsWith(bot.baseUrl)) fromBot.push(response);
      });
      const slug = name.split(' ')[0]!.toLowerCase();
      logs[slug] = log;
      let shots = 0;
      const window = new PlaygroundPage(page, async (step) => {
        shots += 1;
        await page.screenshot({
          path: join(ARTIFACTS, `${slug}-${String(shots).padStart(2, '0')}-${step}.png`),
        });
      });
      people[name] = { name, window, playground, log, fromBot };
    }
    return { bot, people, close };
  } catch (error) {
    await close();
    throw error;
  }
}

/** Chromium from the system (Debian's package), or CHROMIUM_PATH. */
export function chromiumPath(): string {
  const explicit = process.env.CHROMIUM_PATH;
  if (explicit) return explicit;
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    for (const name of ['chromium', 'chromium-browser', 'google-chrome']) {
      const candidate = join(dir, name);
      if (existsSync(candidate)) return candidate;
    }
  }
  throw new Error('No Chromium found: install it (apt-get install -y chromium) or set CHROMIUM_PATH');
}

/** Everything the Playground's log panel receives, from now on. */
async function followLog(playground: PlaygroundProcess): Promise<PlaygroundLogItem[]> {
  const items: PlaygroundLogItem[] = [];
  const socket = new WebSocket(`ws://localhost:${playground.port}/_ws/log/stream`);
  socket.addEventListener('message', (event) => {
    try {
      const data = JSON.parse(String(event.data)) as { log?: PlaygroundLogItem };
      if (data.log) items.push(data.log);
    } catch {
      // not a log item
    }
  });
  await new Promise<void>((resolveOpen, reject) => {
    socket.addEventListener('open', () => resolveOpen());
    socket.addEventListener('error', () => reject(new Error('the Playground log stream did not open')));
  });
  void playground.exited.then(() => socket.close());
  return items;
}
