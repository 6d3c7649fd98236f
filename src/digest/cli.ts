import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Block } from '../core/message-model.ts';
import { parseIsoWeek } from '../core/schedule/iso-week.ts';
import type { Db } from '../db/connect.ts';
import { buildDigest } from './build-digest.ts';
import type { RenderChart } from './charts.ts';
import { messageText } from './message-text.ts';
import { reportWeekAt } from './report-week.ts';
import { digestStats } from './stats.ts';

// `pdsa-bot digest --network <name> [--week 2026-W47] [--json] [--out <dir>]`:
// prints a network's digest without posting it, and writes its charts.

const usage = (
  command: string,
) => `Usage: ${command} digest --network <name> [--week <2026-W47>] [--json] [--out <dir>]

Prints the weekly digest of a network as text (or, with --json, the message
and the statistics behind it) and writes its chart PNGs to --out (default:
where the terminal saves its files, files/ beside PDSA_DATA_DIR). Without
--week: the last complete week, the one this week's digest reports on.
Nothing is posted.`;

export type DigestCliDeps = {
  db: Db;
  write: (text: string) => void;
  /** Where the charts go without --out: the terminal's files folder (src/files/files-folder.ts), so both follow PDSA_DATA_DIR. */
  filesDir: string;
  now?: Date;
  renderChart?: RenderChart;
  /** How the program is started, for the hints: `npm start --` from a clone, `pdsa-bot` when installed. */
  command?: string;
};

type Options = { network?: string; week?: string; json: boolean; out?: string; help: boolean };

function parseArgs(argv: readonly string[]): Options | string {
  const options: Options = { json: false, help: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const [flag, inline] =
      arg.startsWith('--') && arg.includes('=')
        ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)]
        : [arg, undefined];
    const value = () => {
      const v = inline ?? argv[++i];
      if (v === undefined || v.startsWith('--')) throw new Error(`${flag} needs a value`);
      return v;
    };
    try {
      switch (flag) {
        case '--network':
          options.network = value();
          break;
        case '--week':
          options.week = value();
          break;
        case '--out':
          options.out = value();
          break;
        case '--json':
          options.json = true;
          break;
        case '--help':
        case '-h':
          options.help = true;
          break;
        default:
          return `Unknown option "${arg}".`;
      }
    } catch (error) {
      return `${(error as Error).message}.`;
    }
  }
  return options;
}

/** Returns the process exit code: 0 done, 1 a mistake in the arguments or an unknown network. */
export async function runDigestCli(argv: readonly string[], deps: DigestCliDeps): Promise<number> {
  const command = deps.command ?? 'npm start --';
  const parsed = parseArgs(argv);
  if (typeof parsed === 'string') {
    deps.write(`${parsed}\n\n${usage(command)}\n`);
    return 1;
  }
  if (parsed.help) {
    deps.write(`${usage(command)}\n`);
    return 0;
  }
  const networks = await deps.db
    .selectFrom('networks')
    .select(['id', 'name', 'time_zone'])
    .orderBy('name')
    .execute();
  if (!parsed.network) {
    deps.write(`Which network? Add --network <name>. ${networkList(networks, command)}\n`);
    return 1;
  }
  const wanted = parsed.network.trim().toLowerCase();
  const network = networks.find((n) => n.name.toLowerCase() === wanted);
  if (!network) {
    deps.write(`There is no network "${parsed.network}". ${networkList(networks, command)}\n`);
    return 1;
  }
  const now = deps.now ?? new Date();
  let week = reportWeekAt(now, network.time_zone);
  if (parsed.week !== undefined) {
    const w = parseIsoWeek(parsed.week);
    if (!w.ok) {
      deps.write(`--week: ${w.error}.\n`);
      return 1;
    }
    week = w.week;
  }

  const built = await buildDigest(deps.db, network.id, week, {
    now,
    ...(deps.renderChart ? { renderChart: deps.renderChart } : {}),
  });
  const dir = resolve(parsed.out ?? deps.filesDir);
  const saved = new Map<Block, string>();
  if (built.charts.length > 0) await mkdir(dir, { recursive: true });
  for (const block of built.composed.main.blocks) {
    if (block.type !== 'image') continue;
    const path = join(dir, block.fileName);
    await writeFile(path, Buffer.from(block.pngBase64, 'base64'));
    saved.set(block, path);
  }

  if (parsed.json) {
    // The message model as posted, except that each picture is named by the file it was written to.
    const withoutPixels = (blocks: Block[]) =>
      blocks.map((b) => (b.type === 'image' ? { ...b, pngBase64: undefined, savedTo: saved.get(b) } : b));
    deps.write(
      `${JSON.stringify(
        {
          network: network.name,
          week,
          main: { ...built.composed.main, blocks: withoutPixels(built.composed.main.blocks) },
          details: { ...built.composed.details, blocks: withoutPixels(built.composed.details.blocks) },
          stats: digestStats(built.data, built.analysis),
        },
        null,
        2,
      )}\n`,
    );
  } else {
    deps.write(`${messageText(built.composed.main, saved)}\n${messageText(built.composed.details)}`);
    for (const path of saved.values()) deps.write(`Chart written to ${path}\n`);
    for (const f of built.chartFailures)
      deps.write(`The chart of ${f.measure} could not be drawn: ${f.error}\n`);
  }
  return 0;
}

function networkList(networks: { name: string }[], command: string): string {
  if (networks.length === 0) return `There are no networks yet: \`${command} demo\` makes a sample one.`;
  return `The networks are: ${networks.map((n) => n.name).join(', ')}.`;
}
