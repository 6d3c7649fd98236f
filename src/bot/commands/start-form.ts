import { type Form, type Input, message } from '../../core/message-model.ts';
import { readId } from '../../core/parsing/ids.ts';
import { addDays, daysBetween, todayIn } from '../../core/schedule/local-time.ts';
import type { CycleRow } from '../../db/schema.ts';
import { ideaBy } from '../../store/change-ideas.ts';
import { measureById } from '../../store/measures.ts';
import { memberNames } from '../../store/members.ts';
import { siteInNetwork } from '../../store/sites.ts';
import type { HandlerContext, Trx } from '../context.ts';
import type { ActionRoute, FormContext, FormRoute } from '../interaction-routes.ts';
import { type HandlerResult, privately } from '../outbound.ts';
import { type ActiveCaller, requireMember } from '../permissions.ts';
import { findMemberByName } from '../person-ref.ts';
import { limitLength, UserError } from '../user-error.ts';
import { findCycleById } from './lookups.ts';
import { assertRampCanContinue } from './ramp.ts';
import { createCycle } from './start-cycle.ts';
import {
  assertCanStart,
  DEFAULT_DAYS,
  findIdea,
  MAX_QUESTION_LENGTH,
  membersNamed,
  ownerByDefault,
  readDates,
  startChoices,
} from './start-inputs.ts';

// The form that starts a cycle, on platforms with forms (a Slack modal, a
// Teams card). Every choice it offers has at least one option: with no
// change idea yet, the idea is typed; with no site or measure, there is no
// form, but a sentence saying what to add first.

export const START_FORM = 'cycle.start';

/** What is already known when the form opens: from a typed command, or the cycle before in a ramp. */
export type StartPrefill = {
  siteId?: number;
  ideaId?: number;
  measureId?: number;
  owner?: string;
  with?: string;
  startsOn?: string;
  endsOn?: string;
  question?: string;
};

const OWNER_MISSING = 'Who will own this cycle? Name the educator who plans it and studies the result.';

export async function startForm(
  ctx: FormContext,
  caller: ActiveCaller,
  opts: { from?: CycleRow; prefill?: StartPrefill } = {},
): Promise<Form> {
  const { from } = opts;
  const prefill = opts.prefill ?? {};
  const choices = await startChoices(ctx, caller.network.id);
  assertCanStart(choices);
  const today = todayIn(ctx.now, caller.network.time_zone);
  const length = from ? daysBetween(from.starts_on, from.ends_on) + 1 : DEFAULT_DAYS;
  const startsOn = prefill.startsOn ?? today;
  const endsOn = prefill.endsOn ?? addDays(startsOn, length - 1);
  const siteId = prefill.siteId ?? from?.site_id ?? caller.member.site_id ?? undefined;
  const ideaId = prefill.ideaId ?? from?.change_idea_id;
  const measureId = prefill.measureId ?? from?.measure_id;
  const educator = caller.member.role === 'educator' && caller.member.site_id !== null;
  // The next cycle of a ramp keeps its owner unless another is named.
  const previousOwner = from ? await ownerName(ctx, from) : undefined;
  const idea: Input = choices.ideas.length
    ? {
        kind: 'choice',
        id: 'idea',
        label: 'Change idea',
        required: true,
        choices: choices.ideas.map((i) => ({ value: String(i.id), label: `${i.number} · ${i.text}` })),
        searchable: true,
        ...(ideaId !== undefined ? { initial: String(ideaId) } : {}),
      }
    : {
        // A choice with no options cannot be submitted (Slack refuses the modal).
        kind: 'text',
        id: 'newIdea',
        label: 'Change idea: what will you try?',
        required: true,
        hint: 'the network has no change ideas yet; this one is added to them',
        maxLength: 500,
      };
  return {
    formId: from ? `${START_FORM}:${from.id}` : START_FORM,
    title: from ? `Next cycle after #${from.number}` : 'Start a PDSA cycle',
    submitLabel: 'Start',
    inputs: [
      {
        kind: 'choice',
        id: 'site',
        label: 'Site',
        required: true,
        choices: choices.sites.map((s) => ({ value: String(s.id), label: s.name })),
        searchable: true,
        ...(siteId !== undefined ? { initial: String(siteId) } : {}),
      },
      idea,
      {
        kind: 'choice',
        id: 'measure',
        label: 'Measure',
        required: true,
        choices: choices.measures.map((m) => ({ value: String(m.id), label: m.name })),
        searchable: true,
        ...(measureId !== undefined ? { initial: String(measureId) } : {}),
      },
      {
        kind: 'text',
        id: 'owner',
        label: 'Owner (who plans and studies it)',
        // Nobody owns a cycle without being named, but an educator starting
        // their own, and the owner of the cycle before in a ramp.
        required: !educator && !previousOwner,
        hint: previousOwner
          ? `a name or @mention; empty = ${previousOwner} again`
          : educator
            ? 'a name or @mention; empty = you'
            : 'an educator at the site: a name or @mention',
        ...(prefill.owner ? { initial: prefill.owner } : {}),
      },
      {
        kind: 'text',
        id: 'with',
        label: 'Also taking part',
        required: false,
        hint: 'names or @mentions, separated by commas',
        ...(prefill.with ? { initial: prefill.with } : {}),
      },
      { kind: 'date', id: 'from', label: 'Starts', required: true, initial: startsOn },
      { kind: 'date', id: 'to', label: 'Ends', required: true, initial: endsOn },
      {
        kind: 'text',
        id: 'question',
        label: 'What question will it answer?',
        required: false,
        multiline: true,
        maxLength: MAX_QUESTION_LENGTH,
        ...(prefill.question ? { initial: prefill.question } : {}),
      },
    ],
  };
}

/** Opens the start form, prefilled, asking for the owner (or anything else) in a sentence beside it. */
export async function openStartForm(
  ctx: HandlerContext,
  caller: ActiveCaller,
  text: string,
  prefill: StartPrefill = {},
): Promise<HandlerResult> {
  return {
    openForm: await startForm(ctx, caller, { prefill }),
    replies: [privately(message('Start a cycle', { type: 'text', text }))],
  };
}

export const startFormRoute: FormRoute = {
  prefix: START_FORM,
  async form(ctx, formId) {
    const caller = requireMember(ctx.caller);
    const parentId = formId.split(':')[1];
    const from = parentId ? await findCycleById(ctx.trx, caller.network.id, parentId) : undefined;
    return startForm(ctx, caller, from ? { from } : {});
  },
  async run(ctx) {
    const caller = requireMember(ctx.caller);
    const values = ctx.event.values;
    // A form's choices are ids: each must belong to the caller's network.
    const own = async (table: 'sites' | 'change_ideas' | 'measures', key: string, what: string) => {
      const read = readId(values[key]);
      if (read.kind === 'not an id') throw new UserError(`Choose a ${what}.`);
      const found =
        read.kind === 'id' ? await rowInNetwork(ctx.trx, table, caller.network.id, read.id) : false;
      // Digits no row can have are not in the network either.
      if (read.kind === 'none' || !found) {
        throw new UserError(
          `That ${what} is not in your network. Type \`/pdsa start\` to open the form again.`,
        );
      }
      return read.id;
    };
    // The next cycle of a ramp names the one before it: `cycle.start:<cycle>`.
    const parentId = ctx.event.formId.split(':')[1];
    const parent = parentId ? await findCycleById(ctx.trx, caller.network.id, parentId) : undefined;
    const today = todayIn(ctx.now, caller.network.time_zone);
    const { startsOn, endsOn } = readDates(
      { from: values.from ?? undefined, to: values.to ?? undefined },
      today,
    );
    const question = limitLength(values.question?.trim() ?? '', MAX_QUESTION_LENGTH, 'question');
    const siteId = await own('sites', 'site', 'site');
    const measureId = await own('measures', 'measure', 'measure');
    const newIdea = values.newIdea?.trim();
    const chosenIdea = newIdea ? undefined : await own('change_ideas', 'idea', 'change idea');
    const owner = values.owner?.trim()
      ? (await findMemberByName(ctx.trx, ctx.caller, values.owner.trim())).member.id
      : (parent?.owner_member_id ?? ownerByDefault(caller, siteId)?.id);
    // Checked before anything is written: a refused form leaves nothing behind.
    if (owner === undefined) {
      return {
        fieldErrors: { owner: OWNER_MISSING },
        replies: [privately(message(OWNER_MISSING, { type: 'text', text: OWNER_MISSING }))],
      };
    }
    const participants = values.with?.trim() ? await membersNamed(ctx, values.with) : [];
    return createCycle(ctx, caller, {
      siteId,
      changeIdeaId: chosenIdea ?? (await findIdea(ctx, caller, newIdea)),
      measureId,
      ownerMemberId: owner,
      participantIds: participants.map((p) => p.id),
      startsOn,
      endsOn,
      question,
      parentCycleId: parent?.id ?? null,
    });
  },
};

/** The name of a cycle's owner, to prefill the form of the cycle after it. */
async function ownerName(ctx: FormContext, cycle: CycleRow): Promise<string | undefined> {
  if (cycle.owner_member_id === null) return undefined;
  return (await memberNames(ctx.trx, [cycle.owner_member_id]))[0];
}

/** "Start the next cycle" after adopt or adapt. */
export const rampAction: ActionRoute = {
  prefix: 'cycle.ramp',
  async run(ctx) {
    const caller = requireMember(ctx.caller);
    const previous = await findCycleById(ctx.trx, caller.network.id, ctx.event.value);
    await assertRampCanContinue(ctx.trx, previous);
    const length = daysBetween(previous.starts_on, previous.ends_on) + 1;
    return {
      openForm: await startForm(ctx, caller, { from: previous }),
      replies: [
        privately(
          message('Start the next cycle', {
            type: 'text',
            text: `To start it from today for ${length} days with the same site, idea, measure and people, type \`/pdsa start next ${previous.number}\`. Change what you like: \`/pdsa start next ${previous.number} from monday for 2 weeks\`.`,
          }),
        ),
      ],
    };
  },
};

export const openStartFormAction: ActionRoute = {
  prefix: `form.open:${START_FORM}`,
  async run(ctx) {
    const caller = requireMember(ctx.caller);
    return { openForm: await startForm(ctx, caller), replies: [] };
  },
};

async function rowInNetwork(
  trx: Trx,
  table: 'sites' | 'change_ideas' | 'measures',
  networkId: number,
  id: number,
): Promise<boolean> {
  switch (table) {
    case 'sites':
      return (await siteInNetwork(trx, networkId, id)) !== undefined;
    case 'change_ideas':
      return (await ideaBy(trx, networkId, 'id', id)) !== undefined;
    case 'measures':
      return (await measureById(trx, id))?.network_id === networkId;
  }
}
