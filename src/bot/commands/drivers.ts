import { textBlocks } from '../../core/digest/text-blocks.ts';
import { type DriverTree, ideasInOrder, MAX_DRIVER_NAME } from '../../core/drivers/driver-tree.ts';
import { driverTreeLines, driverTreeSummary } from '../../core/drivers/driver-tree-text.ts';
import { type Block, type Form, message } from '../../core/message-model.ts';
import { sameName, tidyName } from '../../core/named.ts';
import type { Token } from '../../core/parsing/command-line.ts';
import { readId } from '../../core/parsing/ids.ts';
import { slug } from '../../core/slug.ts';
import { loadDriverTree } from '../../learning/driver-tree.ts';
import {
  type Driver,
  deleteDriver,
  driversOf,
  insertDriver,
  moveDriver,
  renameDriver,
} from '../../store/drivers.ts';
import { ideaDriversOf } from '../../store/idea-drivers.ts';
import type { HandlerContext } from '../context.ts';
import type { ActionRoute, FormRoute } from '../interaction-routes.ts';
import { type HandlerResult, privately } from '../outbound.ts';
import { type ActiveCaller, requireMember, requireRole } from '../permissions.ts';
import { limitLength, UserError } from '../user-error.ts';
import type { CommandSpec } from './command.ts';
import { assertRoomForDriver, pickDriver } from './driver-lookups.ts';
import {
  type Ctx,
  joined,
  readKeywords,
  runSubcommand,
  type Subcommand,
  unknownSubcommand,
} from './setup-args.ts';

// `/pdsa drivers`: the network's theory of improvement as a driver diagram
// (aim, primary drivers, secondary drivers, change ideas with what their
// cycles found), in text and as a picture; facilitators add, rename, move
// and remove drivers.

const ADD_USAGE =
  'Type e.g. `/pdsa driver add Students feel expected` (a primary driver), or `/pdsa driver add Adults greet each student under Students feel expected` (a secondary one).';
const RENAME_USAGE = 'Type e.g. `/pdsa driver rename Belonging to Sense of belonging`.';
const MOVE_USAGE =
  'Type e.g. `/pdsa driver move Breakfast under Mornings start with a reason` (to make it a secondary driver), or `/pdsa driver move Breakfast to top` (a primary one).';
const REMOVE_USAGE = 'Type e.g. `/pdsa driver remove Breakfast`.';
const FORM = 'driver.add';
const TOP = 'top';
const WHO_EDITS = 'change the driver diagram';

type RenderDiagram = (tree: DriverTree, title: string) => Promise<Uint8Array> | Uint8Array;

/** src/chart pulls in resvg; loading it only when a diagram is drawn keeps the bot quick to start. */
async function defaultRender(tree: DriverTree, title: string): Promise<Uint8Array> {
  const { renderDriverDiagram } = await import('../../chart/driver-diagram.ts');
  return renderDriverDiagram(tree, title);
}

let render: RenderDiagram = defaultRender;

/** For tests: draw with something else (or fail on purpose). */
export function drawDiagramsWith(next: RenderDiagram | undefined): void {
  render = next ?? defaultRender;
}

async function show(ctx: Ctx): Promise<HandlerResult> {
  const caller = requireMember(ctx.caller);
  const tree = await loadDriverTree(ctx.trx, caller.network);
  const title = `${caller.network.name}: driver diagram`;
  const blocks: Block[] = [{ type: 'heading', text: title }];
  const empty = tree.primaries.length === 0 && ideasInOrder(tree).length === 0;
  if (empty) {
    const text = `${caller.network.name} has no drivers or change ideas yet. A driver diagram sets out the network's theory of improvement: the primary drivers that move the aim, the secondary drivers under them, and the change ideas that act on each. ${ADD_USAGE}`;
    return { replies: [privately(message(`${title}: empty`, { type: 'text', text }))] };
  }
  try {
    const png = await render(tree, title);
    blocks.push({
      type: 'image',
      pngBase64: Buffer.from(png).toString('base64'),
      alt: `Driver diagram of ${caller.network.name}: ${driverTreeSummary(tree)}. The same diagram is written out below the picture.`,
      title: 'Driver diagram',
      fileName: `driver-diagram-${slug(caller.network.name)}.png`,
    });
  } catch {
    blocks.push({
      type: 'context',
      text: 'The picture could not be drawn this time; the diagram is written out below.',
    });
  }
  blocks.push(...textBlocks(driverTreeLines(tree)));
  blocks.push({
    type: 'context',
    text: 'Beside each idea: its cycles so far, at how many sites, and the decisions. For whom and under what conditions: `/pdsa learnings idea <number>`. Put an idea on a driver: `/pdsa idea <number> driver <driver>`.',
  });
  return { replies: [privately(message(`${title}: ${driverTreeSummary(tree)}`, ...blocks))] };
}

function say(text: string): HandlerResult {
  return { replies: [privately(message(text, { type: 'text', text }))] };
}

function primaryOf(drivers: readonly Driver[], typed: string): Driver {
  const driver = pickDriver(drivers, typed);
  if (driver.kind !== 'primary') {
    const parent = drivers.find((d) => d.id === driver.parentId);
    throw new UserError(
      `${driver.name} is a secondary driver${parent ? ` (under ${parent.name})` : ''}; a secondary driver goes under a primary one. The primary drivers are: ${drivers
        .filter((d) => d.kind === 'primary')
        .map((d) => d.name)
        .join('; ')}.`,
    );
  }
  return driver;
}

async function addDriver(
  ctx: HandlerContext,
  caller: ActiveCaller,
  name: string,
  under: string | null,
): Promise<HandlerResult> {
  const tidy = tidyName(limitLength(name, MAX_DRIVER_NAME, 'driver'));
  if (tidy === '') throw new UserError(`What is the driver called? ${ADD_USAGE}`);
  const drivers = await driversOf(ctx.trx, caller.network.id);
  const same = drivers.find((d) => sameName(d.name, tidy));
  if (same)
    throw new UserError(
      `There is already a driver called "${same.name}". Choose another name, or type \`/pdsa drivers\` to see them.`,
    );
  assertRoomForDriver(drivers);
  const parent = under === null ? null : primaryOf(drivers, under);
  await insertDriver(ctx.trx, caller.network.id, tidy, parent?.id ?? null, ctx.now);
  return say(
    parent
      ? `Added the secondary driver **${tidy}** under ${parent.name}. Put change ideas on it: \`/pdsa idea <number> driver ${tidy}\`.`
      : `Added the primary driver **${tidy}**. Add secondary drivers under it: \`/pdsa driver add <name> under ${tidy}\`.`,
  );
}

async function driverForm(ctx: HandlerContext, caller: ActiveCaller): Promise<Form> {
  const drivers = await driversOf(ctx.trx, caller.network.id);
  return {
    formId: FORM,
    title: 'Add a driver',
    submitLabel: 'Add',
    inputs: [
      {
        kind: 'text',
        id: 'name',
        label: 'Driver',
        required: true,
        maxLength: MAX_DRIVER_NAME,
        hint: 'e.g. Students feel expected',
      },
      {
        kind: 'choice',
        id: 'under',
        label: 'Where',
        required: true,
        choices: [
          { value: TOP, label: 'A primary driver (under the aim)' },
          ...drivers
            .filter((d) => d.kind === 'primary')
            .map((d) => ({ value: String(d.id), label: `Under ${d.name}`.slice(0, 75) })),
        ],
        initial: TOP,
      },
    ],
  };
}

async function add(ctx: Ctx, words: Token[]): Promise<HandlerResult> {
  const caller = await requireRole(ctx.trx, ctx.caller, 'facilitator', WHO_EDITS);
  if (words.length === 0) {
    return {
      openForm: await driverForm(ctx, caller),
      replies: [
        privately(
          message('Add a driver', { type: 'text', text: `Fill in the form, or type it. ${ADD_USAGE}` }),
        ),
      ],
    };
  }
  const { values, positional } = readKeywords(words, ['under'], ADD_USAGE);
  return addDriver(ctx, caller, positional, values.under ?? null);
}

async function rename(ctx: Ctx, words: Token[]): Promise<HandlerResult> {
  const caller = await requireRole(ctx.trx, ctx.caller, 'facilitator', WHO_EDITS);
  const { values, positional } = readKeywords(words, ['to'], RENAME_USAGE);
  const newName = tidyName(values.to ?? '');
  if (positional === '' || newName === '')
    throw new UserError(`Name the driver and its new name. ${RENAME_USAGE}`);
  limitLength(newName, MAX_DRIVER_NAME, 'driver');
  const drivers = await driversOf(ctx.trx, caller.network.id);
  const driver = pickDriver(drivers, positional);
  const clash = drivers.find((d) => d.id !== driver.id && sameName(d.name, newName));
  if (clash) throw new UserError(`There is already a driver called "${clash.name}". Choose another name.`);
  await renameDriver(ctx.trx, caller.network.id, driver.id, newName);
  return say(
    `The driver ${driver.name} is now called **${newName}**. Its ideas and place on the diagram are unchanged.`,
  );
}

async function move(ctx: Ctx, words: Token[]): Promise<HandlerResult> {
  const caller = await requireRole(ctx.trx, ctx.caller, 'facilitator', WHO_EDITS);
  const { values, positional } = readKeywords(words, ['under', 'to'], MOVE_USAGE);
  if (positional === '' || (values.under === undefined && values.to === undefined))
    throw new UserError(`Name the driver and where it goes. ${MOVE_USAGE}`);
  const drivers = await driversOf(ctx.trx, caller.network.id);
  const driver = pickDriver(drivers, positional);
  if (values.under === undefined) {
    if (!['top', 'primary', 'the top', 'aim', 'the aim'].includes(values.to!.trim().toLowerCase()))
      throw new UserError(`To put a driver under another, type \`under\`. ${MOVE_USAGE}`);
    if (driver.kind === 'primary') return say(`${driver.name} is already a primary driver.`);
    await moveDriver(ctx.trx, caller.network.id, driver.id, null);
    return say(`**${driver.name}** is now a primary driver, with its change ideas.`);
  }
  const parent = primaryOf(drivers, values.under);
  if (parent.id === driver.id) throw new UserError(`A driver cannot go under itself. ${MOVE_USAGE}`);
  const children = drivers.filter((d) => d.parentId === driver.id);
  if (children.length) {
    throw new UserError(
      `${driver.name} has secondary drivers under it (${children.map((c) => c.name).join('; ')}), and the diagram has two levels. Move those first: \`/pdsa driver move ${children[0]!.name} under ${parent.name}\`.`,
    );
  }
  await moveDriver(ctx.trx, caller.network.id, driver.id, parent.id);
  return say(`**${driver.name}** is now a secondary driver under ${parent.name}, with its change ideas.`);
}

async function remove(ctx: Ctx, words: Token[]): Promise<HandlerResult> {
  const caller = await requireRole(ctx.trx, ctx.caller, 'facilitator', WHO_EDITS);
  const typed = joined(words);
  if (typed === '') throw new UserError(`Which driver? ${REMOVE_USAGE}`);
  const drivers = await driversOf(ctx.trx, caller.network.id);
  const driver = pickDriver(drivers, typed);
  const children = drivers.filter((d) => d.parentId === driver.id);
  if (children.length) {
    throw new UserError(
      `${driver.name} has secondary drivers under it (${children.map((c) => c.name).join('; ')}). Move or remove them first, e.g. \`/pdsa driver move ${children[0]!.name} to top\`.`,
    );
  }
  const ideas = (await ideaDriversOf(ctx.trx, caller.network.id)).filter((p) => p.driverId === driver.id);
  await deleteDriver(ctx.trx, caller.network.id, driver.id);
  return say(
    `Removed the driver **${driver.name}**.${ideas.length ? ` Its change ${ideas.length === 1 ? 'idea' : 'ideas'} (${ideas.map((i) => i.ideaId).join(', ')}) ${ideas.length === 1 ? 'is' : 'are'} now on no driver: \`/pdsa idea <number> driver <driver>\`.` : ''}`,
  );
}

export const driverFormRoute: FormRoute = {
  prefix: FORM,
  async run(ctx) {
    const caller = await requireRole(ctx.trx, ctx.caller, 'facilitator', WHO_EDITS);
    const name = ctx.event.values.name ?? '';
    const under = ctx.event.values.under?.trim() ?? TOP;
    if (under === TOP || under === '') return addDriver(ctx, caller, name, null);
    const read = readId(under);
    const drivers = await driversOf(ctx.trx, caller.network.id);
    const parent = read.kind === 'id' ? drivers.find((d) => d.id === read.id) : undefined;
    if (!parent)
      throw new UserError(
        'That driver is not in your network. Type `/pdsa driver add` to open the form again.',
      );
    return addDriver(ctx, caller, name, parent.name);
  },
};

export const openDriverFormAction: ActionRoute = {
  prefix: `form.open:${FORM}`,
  async run(ctx) {
    const caller = await requireRole(ctx.trx, ctx.caller, 'facilitator', WHO_EDITS);
    return { openForm: await driverForm(ctx, caller), replies: [] };
  },
};

const SUBCOMMANDS: Subcommand[] = [
  { names: ['add', 'new', 'create'], run: add },
  { names: ['show', 'list', 'diagram'], run: (ctx) => show(ctx) },
  { names: ['rename'], run: rename },
  { names: ['move'], run: move },
  { names: ['remove', 'delete'], run: remove },
];

export const driverCommand: CommandSpec = {
  name: 'drivers',
  aliases: ['driver', 'diagram'],
  group: 'Network setup',
  summary: "the network's driver diagram (as text and a picture), and its primary and secondary drivers",
  who: 'any member can see the diagram; facilitators and admins add, rename, move and remove drivers',
  usage: [
    'drivers',
    'driver add <name> [under <primary driver>]',
    'driver rename <driver> to <new name>',
    'driver move <driver> under <primary driver>',
    'driver move <driver> to top',
    'driver remove <driver>',
  ],
  examples: [
    '/pdsa drivers',
    '/pdsa driver add Students feel expected',
    '/pdsa driver add Adults greet each student under Students feel expected',
    '/pdsa idea 3 driver Adults greet each student',
  ],
  details: [
    "A driver diagram is the network's theory of improvement: the aim (`/pdsa network aim`), the primary drivers that move it, the secondary drivers under each, and the change ideas that act on a driver (`/pdsa idea <number> driver <driver>`). The picture shows each idea with its cycles so far: at how many sites, and what was decided.",
    'Drivers are named as typed; a unique beginning is enough to name one (`driver move Break under Morn`). `driver add` alone opens a form where the platform has forms.',
  ].join('\n'),
  async run(ctx, { rest }) {
    return runSubcommand(ctx, rest, SUBCOMMANDS, async (c, words) => {
      if (words.length === 0) return show(c);
      throw unknownSubcommand('driver', words[0]!.text, SUBCOMMANDS);
    });
  },
};
