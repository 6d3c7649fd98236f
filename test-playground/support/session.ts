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

/**
 * A second person, in a tenant of their own: the Playground's own sample user
 * Megan Bowen (its configuration wants at least five other users).
 */
const MEGAN_CONFIG = `version: "0.1.1"
tenantId: 00000000-0000-0000-0000-0000000000002
bot:
  id: 00000000-0000-0000-0000-00000000000011
  name: Test Bot
currentUser:
  id: user-id-1
  name: Megan Bowen
  userPrincipleName: meganb@example.com
  aadObjectId: 00000000-0000-0000-0000-0000000000021
  givenName: Megan
  surname: Bowen
  email: meganb@example.com
users:
  - id: user-id-0
    name: Alex Wilber
    userPrincipleName: alexw@example.com
    aadObjectId: 00000000-0000-0000-0000-0000000000020
    givenName: Alex
    surname: Wilber
    email: alexw@example.com
  - id: user-id-2
    name: Adele Vance
    userPrincipleName: adelev@example.com
    aadObjectId: 00000000-0000-0000-0000-0000000000022
    givenName: Adele
    surname: Vance
    email: adelev@example.com
  - id: user-id-3
    name: Isaiah Langer
    userPrincipleName: isaiah@example.com
    aadObjectId: 00000000-0000-0000-0000-0000000000023
    givenName: Isaiah
    surname: Langer
    email: isaiahl@example.com
  - id: user-id-4
    name: Patti Fernandez
    userPrincipleName: pattif@example.com
    aadObjectId: 00000000-0000-0000-0000-0000000000024
    givenName: Patti
    surname: Fernandez
    email: pattif@example.com
  - id: user-id-5
    name: Lynne Robbins
    userPrincipleName: lynner@example.com
    aadObjectId: 00000000-0000-0000-0000-0000000000025
    givenName: Lynne
    surname: Robbins
    email: lynner@example.com
personalChat:
  id: __PERSONAL_CHAT_ID__
groupChat:
  id: __GROUP_CHAT_ID__
  name: Group Chat
team:
  id: team-id-2
  name: Sample Team
  aadGroupId: 00000000-0000-0000-0000-000000000032
  channels:
    - id: channel-announcements-id-2
      name: Announcements
`;

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
    const configs: Record<string, string | undefined> = {
      'Alex Wilber': undefined,
      'Megan Bowen': MEGAN_CONFIG,
    };
    const playgrounds: PlaygroundProcess[] = [];
    for (const name of names) {
      const slug = name.split(' ')[0]!.toLowerCase();
      const config = configs[name];
      const configPath = config ? join(ARTIFACTS, `${slug}.m365agentsplayground.yml`) : undefined;
      if (configPath) writeFileSync(configPath, config!);
      const playground = await startPlayground({
        port: await freePort(),
        botEndpoint: bot.endpoint,
        logFile: join(ARTIFACTS, `playground-${slug}.log`),
        ...(configPath ? { configPath } : {}),
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
