import { weekSpan } from '../core/digest/format.ts';
import type { Platform } from '../core/domain.ts';
import type { Db } from '../db/connect.ts';
import { createDemoNetwork, DemoNameTaken } from './create-demo.ts';

// `pdsa-bot demo [--name <name>]`: creates the sample network and says how to
// see its digest.

export type DemoCliDeps = {
  db: Db;
  write: (text: string) => void;
  now?: Date;
  /** How the program is started, for the hints: `npm start --` from a clone, `pdsa-bot` when installed. */
  command?: string;
  /** The terminal's platform id: the demo's people are recorded as its people. */
  platform: Platform;
  /** The terminal's workspace, so that the demo's people can be spoken as there. */
  terminalWorkspace?: string;
};

export async function runDemoCli(argv: readonly string[], deps: DemoCliDeps): Promise<number> {
  const command = deps.command ?? 'npm start --';
  const usage = `Usage: ${command} demo [--name <network name>]`;
  let name: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--name') name = argv[++i];
    else if (arg.startsWith('--name=')) name = arg.slice('--name='.length);
    else if (arg === '--help' || arg === '-h') {
      deps.write(
        `${usage}\n\nCreates a sample network with twelve weeks of PDSA cycles, to try the digest on.\n`,
      );
      return 0;
    } else {
      deps.write(`Unknown option "${arg}". ${usage}\n`);
      return 1;
    }
  }
  if (name !== undefined && name.trim() === '') {
    deps.write(`--name needs a name, e.g. ${command} demo --name "Sample NIC"\n`);
    return 1;
  }
  let demo: Awaited<ReturnType<typeof createDemoNetwork>>;
  try {
    demo = await createDemoNetwork(deps.db, {
      now: deps.now ?? new Date(),
      ...(name ? { name } : {}),
      platform: deps.platform,
      ...(deps.terminalWorkspace
        ? { speakableIn: { platform: deps.platform, workspace: deps.terminalWorkspace } }
        : {}),
    });
  } catch (error) {
    if (error instanceof DemoNameTaken) {
      deps.write(`Cannot create the demo: ${error.message}. Choose another with --name.\n`);
      return 1;
    }
    throw error;
  }
  const week = demo.weeks.at(-1)!;
  deps.write(
    [
      `Created the sample network "${demo.name}": 12 schools, 26 people, 3 change ideas, and PDSA cycles over the twelve weeks ${weekSpan(demo.weeks, 0, demo.weeks.length - 1)}.`,
      'See its weekly digest (text and chart) with:',
      `  ${command} digest --network "${demo.name}" --week ${week}`,
      ...(demo.speakable
        ? [
            `Or talk to the bot as its people: \`${command.replace(/ --$/, '')}\`, then \`as ${demo.facilitator}\` (a facilitator) or \`as ${demo.educator}\` (an educator).`,
          ]
        : []),
      '',
    ].join('\n'),
  );
  return 0;
}
