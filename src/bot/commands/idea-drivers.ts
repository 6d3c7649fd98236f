import { driverLabels } from '../../core/drivers/driver-tree.ts';
import { type Form, message } from '../../core/message-model.ts';
import type { Token } from '../../core/parsing/command-line.ts';
import { readId, shownId } from '../../core/parsing/ids.ts';
import { ideaBy } from '../../store/change-ideas.ts';
import { driversOf } from '../../store/drivers.ts';
import { ideaDriversOf, placeIdea, unplaceIdea } from '../../store/idea-drivers.ts';
import type { HandlerContext, Trx } from '../context.ts';
import type { ActionRoute, FormRoute } from '../interaction-routes.ts';
import { type HandlerResult, privately } from '../outbound.ts';
import { type ActiveCaller, requireRole } from '../permissions.ts';
import { UserError } from '../user-error.ts';
import { pickDriver } from './driver-lookups.ts';
import { isWord, joined } from './setup-args.ts';

// Which driver a change idea acts on: `/pdsa idea 3 driver Belonging`, or
// a form listing the drivers where the platform has forms.

export const IDEA_DRIVER_USAGE = 'idea <number> driver <driver>';
const USAGE = 'Type e.g. `/pdsa idea 3 driver Sense of belonging` (or `driver none`).';
const FORM = 'idea.driver';
const NONE = 'none';

type Idea = { id: number; number: number; text: string };

/**
 * The idea a command names by its number in the network (`idea 3`), or a
 * form or button by its row id (they carry ids, which people never see).
 */
async function ideaOf(
  trx: Trx,
  networkId: number,
  typed: string | undefined,
  by: 'number' | 'id',
): Promise<Idea> {
  const read = readId(typed);
  if (read.kind === 'not an id') throw new UserError(`Which change idea? ${USAGE}`);
  const idea = read.kind === 'id' ? await ideaBy(trx, networkId, by, read.id) : undefined;
  if (!idea) {
    throw new UserError(
      by === 'number'
        ? `There is no change idea ${shownId(read as Exclude<typeof read, { kind: 'not an id' }>)}. Type \`/pdsa ideas\` to see them.`
        : 'That change idea is not in your network. Type `/pdsa ideas` to see them.',
    );
  }
  return idea;
}

/** The ideas of a list grouped as on the driver diagram; `label` null for ideas on no driver. */
export async function ideasByDriver<T extends { id: number }>(
  trx: Trx,
  networkId: number,
  ideas: readonly T[],
): Promise<{ label: string | null; ideas: T[] }[]> {
  const [drivers, placed] = await Promise.all([driversOf(trx, networkId), ideaDriversOf(trx, networkId)]);
  const driverOf = new Map(placed.map((p) => [p.ideaId, p.driverId]));
  const groups = driverLabels(drivers)
    .map((d) => ({
      label: d.label as string | null,
      ideas: ideas.filter((i) => driverOf.get(i.id) === d.id),
    }))
    .filter((g) => g.ideas.length > 0);
  const loose = ideas.filter((i) => !drivers.some((d) => d.id === driverOf.get(i.id)));
  return loose.length ? [...groups, { label: null, ideas: loose }] : groups;
}

async function place(
  ctx: HandlerContext,
  caller: ActiveCaller,
  idea: Idea,
  typed: string,
): Promise<HandlerResult> {
  const text = typed.trim().toLowerCase() === NONE ? null : typed;
  if (text === null) {
    await unplaceIdea(ctx.trx, idea.id);
    return say(`Change idea **${idea.number}** (${idea.text}) is now on no driver.`);
  }
  const drivers = await driversOf(ctx.trx, caller.network.id);
  const driver = pickDriver(drivers, text);
  await placeIdea(ctx.trx, idea.id, driver.id, ctx.now);
  const label = driverLabels(drivers).find((d) => d.id === driver.id)?.label ?? driver.name;
  return say(
    `Change idea **${idea.number}** (${idea.text}) now acts on the driver **${label}**. See the diagram: \`/pdsa drivers\`.`,
  );
}

function say(text: string): HandlerResult {
  return { replies: [privately(message(text, { type: 'text', text }))] };
}

async function driverForm(trx: Trx, caller: ActiveCaller, idea: Idea): Promise<Form> {
  const drivers = await driversOf(trx, caller.network.id);
  if (drivers.length === 0)
    throw new UserError('The network has no drivers yet. Add one first: `/pdsa driver add <name>`.');
  const current = (await ideaDriversOf(trx, caller.network.id)).find((p) => p.ideaId === idea.id);
  return {
    formId: `${FORM}:${idea.id}`,
    title: `Driver of idea ${idea.number}`,
    submitLabel: 'Save',
    inputs: [
      {
        kind: 'choice',
        id: 'driver',
        label: `Which driver does idea ${idea.number} act on? ${idea.text}`.slice(0, 200),
        required: true,
        choices: [
          ...driverLabels(drivers).map((d) => ({ value: String(d.id), label: d.label.slice(0, 75) })),
          { value: NONE, label: 'No driver' },
        ],
        initial: current ? String(current.driverId) : NONE,
      },
    ],
  };
}

/** `idea <number> driver <driver>`: the words after `idea`. */
export async function setIdeaDriver(ctx: HandlerContext, words: Token[]): Promise<HandlerResult> {
  const caller = await requireRole(ctx.trx, ctx.caller, 'facilitator', "choose a change idea's driver");
  const idea = await ideaOf(ctx.trx, caller.network.id, words[0]?.text, 'number');
  if (!isWord(words[1], 'driver'))
    throw new UserError(`After the idea's number, type \`driver\` and the driver's name. ${USAGE}`);
  const name = joined(words.slice(2));
  if (name === '') {
    return {
      openForm: await driverForm(ctx.trx, caller, idea),
      replies: [
        privately(
          message('Choose the driver', {
            type: 'text',
            text: `Choose the driver in the form, or type it. ${USAGE}`,
          }),
        ),
      ],
    };
  }
  return place(ctx, caller, idea, name);
}

export const ideaDriverFormRoute: FormRoute = {
  prefix: FORM,
  async run(ctx) {
    const caller = await requireRole(ctx.trx, ctx.caller, 'facilitator', "choose a change idea's driver");
    const idea = await ideaOf(ctx.trx, caller.network.id, ctx.event.formId.split(':')[1], 'id');
    const chosen = ctx.event.values.driver?.trim() ?? '';
    if (chosen === NONE) return place(ctx, caller, idea, NONE);
    const read = readId(chosen);
    const drivers = await driversOf(ctx.trx, caller.network.id);
    const driver = read.kind === 'id' ? drivers.find((d) => d.id === read.id) : undefined;
    if (!driver)
      throw new UserError(
        `That driver is not in your network. Type \`/pdsa idea ${idea.number} driver\` to open the form again.`,
      );
    return place(ctx, caller, idea, driver.name);
  },
};

export const openIdeaDriverFormAction: ActionRoute = {
  prefix: `form.open:${FORM}`,
  async run(ctx) {
    const caller = await requireRole(ctx.trx, ctx.caller, 'facilitator', "choose a change idea's driver");
    const idea = await ideaOf(ctx.trx, caller.network.id, ctx.event.actionId.split(':')[2], 'id');
    return { openForm: await driverForm(ctx.trx, caller, idea), replies: [] };
  },
};
