import { type ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, mkdirSync, type WriteStream } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { dirname, resolve } from 'node:path';

// Starting pdsa-bot in local Teams mode and Microsoft 365 Agents Playground
// pointed at it, for `npm run teams:playground` and `npm run
// test:playground`. Each runs as a child process whose output is kept (and
// written to a file), and stops on request or with the process that
// started it.

export const ROOT = resolve(import.meta.dirname, '../..');

export type Child = {
  /** Everything the process wrote, line by line. */
  output: string[];
  /** Resolves with the exit code when the process ends. */
  exited: Promise<number | null>;
  stop(): Promise<void>;
};

export type BotProcess = Child & { endpoint: string; baseUrl: string };
export type PlaygroundProcess = Child & { url: string; port: number };

/**
 * The settings that make a cycle fit in a few minutes in the Playground:
 * check-ins go out as soon as they are due on any day at any hour, and the
 * scheduler looks every five seconds. Each applies only where the
 * environment (or .env) does not set it.
 */
export const TRY_IT_SETTINGS: Record<string, string> = {
  PDSA_PROMPT_HOUR: '0',
  PDSA_QUIET_HOURS: 'off',
  PDSA_SCHOOL_DAYS: '1,2,3,4,5,6,7',
  PDSA_TICK_CRON: '*/5 * * * * *',
};

export async function startBot(opts: {
  port: number;
  env?: Record<string, string>;
  logFile?: string;
  /** Also copy the bot's log lines here (a terminal). */
  echo?: NodeJS.WritableStream;
}): Promise<BotProcess> {
  const child = spawn(process.execPath, [resolve(ROOT, 'bin/pdsa-bot.js'), 'start'], {
    cwd: ROOT,
    env: { ...process.env, ...opts.env, PDSA_TEAMS_LOCAL: '1', TEAMS_PORT: String(opts.port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const running = watch(child, opts.logFile, opts.echo);
  await waitFor(running, (line) => line.includes('"msg":"pdsa-bot is running"'), 60_000, 'pdsa-bot');
  const baseUrl = `http://127.0.0.1:${opts.port}`;
  return { ...running, baseUrl, endpoint: `${baseUrl}/api/messages` };
}

export async function startPlayground(opts: {
  port: number;
  botEndpoint: string;
  /** Where the Playground writes its log. */
  logFile: string;
  /** A .m365agentsplayground.yml of its own (users, tenant); the built-in one otherwise. */
  configPath?: string;
  openBrowser?: boolean;
  echo?: NodeJS.WritableStream;
}): Promise<PlaygroundProcess> {
  const cli = resolve(
    dirname(createRequire(import.meta.url).resolve('@microsoft/m365agentsplayground/package.json')),
    'cli.js',
  );
  mkdirSync(dirname(opts.logFile), { recursive: true });
  const child = spawn(
    process.execPath,
    [cli, '--app-endpoint', opts.botEndpoint, '--channel-id', 'msteams', '--port', String(opts.port), '--dt'],
    {
      // It writes a devTools folder where it runs.
      cwd: dirname(opts.logFile),
      env: {
        ...process.env,
        ...(opts.openBrowser ? {} : { TEAMSAPPTESTER_BROWSER: 'none' }),
        M365_AGENTS_PLAYGROUND_LOGFILE: opts.logFile,
        ...(opts.configPath ? { M365_AGENTS_PLAYGROUND_CONFIG_PATH: opts.configPath } : {}),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const running = watch(child, `${opts.logFile}.out`, opts.echo);
  // It falls back to another port when the one asked for is taken.
  const line = await waitFor(running, (l) => /Listening on \d+/.test(l), 60_000, 'the Agents Playground');
  const port = Number(/Listening on (\d+)/.exec(line)![1]);
  const url = `http://localhost:${port}`;
  await waitUntil(
    async () => {
      const failed = running.output.findIndex((l) => l.includes('Failed to start'));
      if (failed !== -1) {
        await running.stop();
        throw new Error(running.output.slice(failed).join('\n'));
      }
      const answer = await fetch(url, { signal: AbortSignal.timeout(5_000) }).catch(() => undefined);
      return answer?.ok === true;
    },
    60_000,
    url,
  );
  return { ...running, url, port };
}

export async function freePort(preferred?: number): Promise<number> {
  const listen = (port: number) =>
    new Promise<number | undefined>((resolveListen) => {
      const server = createServer();
      server.once('error', () => resolveListen(undefined));
      server.listen(port, '127.0.0.1', () => {
        const { port: bound } = server.address() as { port: number };
        server.close(() => resolveListen(bound));
      });
    });
  return (preferred !== undefined ? await listen(preferred) : undefined) ?? (await listen(0))!;
}

function watch(child: ChildProcess, logFile: string | undefined, echo?: NodeJS.WritableStream): Child {
  const output: string[] = [];
  let file: WriteStream | undefined;
  if (logFile) {
    mkdirSync(dirname(logFile), { recursive: true });
    file = createWriteStream(logFile);
  }
  const take = (chunk: Buffer) => {
    const text = chunk.toString('utf8');
    file?.write(text);
    echo?.write(text);
    output.push(...text.split('\n').filter((l) => l.trim() !== ''));
  };
  child.stdout?.on('data', take);
  child.stderr?.on('data', take);
  const exited = new Promise<number | null>((resolveExit) =>
    child.once('exit', (code) => {
      file?.end();
      resolveExit(code);
    }),
  );
  return {
    output,
    exited,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

async function waitFor(
  child: Child,
  match: (line: string) => boolean,
  timeoutMs: number,
  what: string,
): Promise<string> {
  let found: string | undefined;
  let ended = false;
  void child.exited.then(() => {
    ended = true;
  });
  await waitUntil(
    async () => {
      found = child.output.find(match);
      if (!found && ended) {
        throw new Error(`${what} stopped before it was ready:\n${child.output.slice(-20).join('\n')}`);
      }
      return found !== undefined;
    },
    timeoutMs,
    what,
  ).catch(async (error: unknown) => {
    await child.stop();
    throw error;
  });
  return found!;
}

async function waitUntil(ready: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await ready())) {
    if (Date.now() > deadline) throw new Error(`${what} was not ready within ${timeoutMs / 1000} s`);
    await new Promise((r) => setTimeout(r, 200));
  }
}
