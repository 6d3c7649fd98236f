import type { NetworkCondition } from '../../core/conditions/definitions.ts';
import {
  currentRange,
  type HistoryEdit,
  isNoEdit,
  planValueChange,
  rangeOn,
} from '../../core/conditions/history.ts';
import { type Block, type Form, message } from '../../core/message-model.ts';
import { parseKeyValues, type Token } from '../../core/parsing/command-line.ts';
import { parseDateText } from '../../core/parsing/dates.ts';
import { readId } from '../../core/parsing/ids.ts';
import { todayIn } from '../../core/schedule/local-time.ts';
import type { SiteRow } from '../../db/schema.ts';
import { loadConditions } from '../../learning/network-conditions.ts';
import { activeMembersAt } from '../../store/members.ts';
import {
  applyHistoryEdit,
  historyOfNetwork,
  lockHistory,
  type SiteConditionRange,
} from '../../store/site-conditions.ts';
import { siteInNetwork } from '../../store/sites.ts';
import type { HandlerContext, Trx } from '../context.ts';
import type { ActionRoute, FormRoute } from '../interaction-routes.ts';
import { type HandlerResult, privately } from '../outbound.ts';
import { type ActiveCaller, hasRole, requireMember, requireRole } from '../permissions.ts';
import { UserError } from '../user-error.ts';
import { CONDITIONS_HINT, pickCondition, pickValue } from './conditions.ts';
import { findSite } from './lookups.ts';
import { type Ctx, isWord, joined, quoted } from './setup-args.ts';
import { formatDay } from './setup-format.ts';
import { siteAtStart } from './setup-site-words.ts';

// A site's values of the network's conditions: `/pdsa site Lincoln set
// level middle locale urban [from <date>]`, a form where the platform has
// forms, and the site's page with the history of its values.
//
// When: a site's first value of a condition counts from the start (the
// network is describing the site, so its earlier cycles are read under it
// too); a change counts from today in the site's time zone, or from the
// day given with `from`, so the cycles that began before keep the value in
// force then.

export const SET_USAGE = 'site <site> set <condition> <value> [<condition> <value> …] [from <date>]';
const USAGE =
  'Type e.g. `/pdsa site Lincoln set level middle locale urban`, or `/pdsa site Lincoln set` for a form.';
const FORM = 'site.conditions';
const NONE_WORDS = ['none', 'unknown', 'unset', 'not set', 'clear'];
const NONE = 'none';

type Change = { condition: NetworkCondition; value: { id: number; value: string } | null };

function siteToday(ctx: HandlerContext, caller: ActiveCaller, site: SiteRow): string {
  return todayIn(ctx.now, site.time_zone ?? caller.network.time_zone);
}

function readFrom(text: string | undefined, today: string): string | undefined {
  if (text === undefined || text.trim() === '') return undefined;
  const parsed = parseDateText(text, today);
  if (!parsed.ok) throw new UserError(`The \`from\` date: ${parsed.error}`);
  if (parsed.date > today) {
    throw new UserError(
      `${formatDay(parsed.date)} is still to come. A value is set from today or an earlier day; set a change that is coming on the day it happens.`,
    );
  }
  return parsed.date;
}

const valueName = (c: NetworkCondition, id: number) => c.values.find((v) => v.id === id)?.value ?? '?';

/** Writes the changes; one sentence per condition says what now holds and since when. */
async function applyChanges(
  ctx: HandlerContext,
  caller: ActiveCaller,
  site: SiteRow,
  changes: Change[],
  from: string | undefined,
): Promise<HandlerResult> {
  const today = siteToday(ctx, caller, site);
  const lines: string[] = [];
  for (const { condition, value } of changes) {
    const ranges = await lockHistory(ctx.trx, site.id, condition.id);
    // A first value is the site's all along; a change counts from today unless told otherwise.
    const start = from ?? (ranges.length === 0 ? null : today);
    const edit: HistoryEdit = planValueChange(ranges, value?.id ?? null, start);
    const was = start === null ? undefined : rangeOn(ranges, start);
    if (isNoEdit(edit)) {
      lines.push(
        `• ${condition.name}: ${value ? `already ${value.value}` : 'already not set'}${start ? ` on ${formatDay(start)}` : ''}; nothing changed.`,
      );
      continue;
    }
    await applyHistoryEdit(ctx.trx, edit, {
      siteId: site.id,
      conditionId: condition.id,
      setBy: caller.member.id,
      at: ctx.now,
    });
    const what = value ? `**${value.value}**` : '**not set**';
    if (was && was.valueId === value?.id) {
      lines.push(
        `• ${condition.name} stays ${what} from ${formatDay(start!)} on; what was recorded after that day is replaced.`,
      );
    } else if (start === null) {
      lines.push(`• ${condition.name} is ${what}, for all its cycles so far and from now on.`);
    } else {
      const before = was
        ? ` (it was ${valueName(condition, was.valueId)}; cycles that began before keep that)`
        : '';
      lines.push(`• ${condition.name} is ${what} from ${formatDay(start)}${before}.`);
    }
  }
  const text = `${site.name}:\n${lines.join('\n')}`;
  return { replies: [privately(message(`${site.name}: conditions set`, { type: 'text', text }))] };
}

/** `site <site> set …` (the words after `site`) or `site set <site> …` (the words after `set`). */
export async function setSiteConditions(ctx: Ctx, words: Token[]): Promise<HandlerResult> {
  const caller = await requireRole(ctx.trx, ctx.caller, 'facilitator', "set a site's conditions");
  // `site Lincoln set level middle`, or `site set Lincoln level middle`.
  const at = words.findIndex((w) => isWord(w, 'set'));
  const { site, rest } = await siteAtStart(
    ctx.trx,
    caller.network.id,
    at === -1 ? words : words.slice(0, at),
    USAGE,
  );
  const pairs = at === -1 ? rest : words.slice(at + 1);
  const conditions = await loadConditions(ctx.trx, caller.network.id);
  if (conditions.length === 0)
    throw new UserError(`${caller.network.name} has no site conditions yet. ${CONDITIONS_HINT}`);
  if (pairs.length === 0) {
    return {
      openForm: await conditionsForm(ctx.trx, caller, site, conditions),
      replies: [
        privately(
          message(`Conditions of ${site.name}`, {
            type: 'text',
            text: `Choose ${site.name}'s values in the form, or type them: \`/pdsa site ${quoted(site.name)} set ${conditions[0]!.name} ${conditions[0]!.values[0]?.value ?? '<value>'}\`.`,
          }),
        ),
      ],
    };
  }
  const keys = [...conditions.map((c) => c.name.toLowerCase()), 'from'];
  const parsed = parseKeyValues(pairs, keys);
  if (!parsed.ok) throw new UserError(`${parsed.error} ${USAGE}`);
  if (parsed.positional.length) {
    const first = parsed.positional[0]!;
    pickCondition(conditions, first);
    throw new UserError(
      `Give each condition its value, e.g. \`${conditions[0]!.name} ${conditions[0]!.values[0]?.value ?? '<value>'}\`. ${USAGE}`,
    );
  }
  const changes: Change[] = [];
  for (const condition of conditions) {
    const typed = parsed.values[condition.name.toLowerCase()];
    if (typed === undefined) continue;
    const clear = NONE_WORDS.includes(typed.trim().toLowerCase());
    changes.push({ condition, value: clear ? null : pickValue(condition, typed) });
  }
  if (changes.length === 0) throw new UserError(`Which condition? ${USAGE}`);
  return applyChanges(ctx, caller, site, changes, readFrom(parsed.values.from, siteToday(ctx, caller, site)));
}

async function conditionsForm(
  trx: Trx,
  caller: ActiveCaller,
  site: SiteRow,
  conditions: NetworkCondition[],
): Promise<Form> {
  const history = (await historyOfNetwork(trx, caller.network.id)).filter((h) => h.siteId === site.id);
  return {
    formId: `${FORM}:${site.id}`,
    title: `Conditions: ${site.name}`,
    submitLabel: 'Save',
    inputs: [
      ...conditions.map((c) => {
        const current = currentRange(history.filter((h) => h.conditionId === c.id));
        return {
          kind: 'choice' as const,
          id: `condition-${c.id}`,
          label: c.name,
          required: false,
          choices: [
            ...c.values.map((v) => ({ value: String(v.id), label: v.value })),
            { value: NONE, label: 'Not set' },
          ],
          initial: current ? String(current.valueId) : NONE,
        };
      }),
      {
        kind: 'date' as const,
        id: 'from',
        label: 'Changed on',
        required: false,
        hint: "Empty: a site's first values count for all its cycles; a change counts from today.",
      },
    ],
  };
}

/** The site a form or button names, which must be the caller's network's. */
async function siteOfId(trx: Trx, networkId: number, typed: string | undefined): Promise<SiteRow> {
  const read = readId(typed);
  const site = read.kind === 'id' ? await siteInNetwork(trx, networkId, read.id) : undefined;
  if (!site) throw new UserError('That site is not in your network. Type `/pdsa sites` to see them.');
  return site;
}

export const siteConditionsFormRoute: FormRoute = {
  prefix: FORM,
  async run(ctx) {
    const caller = await requireRole(ctx.trx, ctx.caller, 'facilitator', "set a site's conditions");
    const site = await siteOfId(ctx.trx, caller.network.id, ctx.event.formId.split(':')[1]);
    const conditions = await loadConditions(ctx.trx, caller.network.id);
    const history = (await historyOfNetwork(ctx.trx, caller.network.id)).filter((h) => h.siteId === site.id);
    const named = Object.keys(ctx.event.values).filter((k) => k.startsWith('condition-'));
    if (named.length > 0 && !named.some((k) => conditions.some((c) => k === `condition-${c.id}`))) {
      throw new UserError(
        `That form's conditions are not your network's. Type \`/pdsa site ${quoted(site.name)} set\` to open the form again.`,
      );
    }
    const changes: Change[] = [];
    for (const condition of conditions) {
      const chosen = ctx.event.values[`condition-${condition.id}`]?.trim();
      if (!chosen) continue;
      const current = currentRange(history.filter((h) => h.conditionId === condition.id));
      if (chosen === NONE) {
        if (current) changes.push({ condition, value: null });
        continue;
      }
      const read = readId(chosen);
      const value = read.kind === 'id' ? condition.values.find((v) => v.id === read.id) : undefined;
      if (!value)
        throw new UserError(
          `That value is not one of ${condition.name}'s. Type \`/pdsa site ${quoted(site.name)} set\` to open the form again.`,
        );
      if (current?.valueId !== value.id) changes.push({ condition, value });
    }
    const from = readFrom(ctx.event.values.from ?? undefined, siteToday(ctx, caller, site));
    if (changes.length === 0) {
      const text = `Nothing changed at ${site.name}: its values are as they were.`;
      return { replies: [privately(message(text, { type: 'text', text }))] };
    }
    return applyChanges(ctx, caller, site, changes, from);
  },
};

export const openSiteConditionsFormAction: ActionRoute = {
  prefix: `form.open:${FORM}`,
  async run(ctx) {
    const caller = await requireRole(ctx.trx, ctx.caller, 'facilitator', "set a site's conditions");
    const site = await siteOfId(ctx.trx, caller.network.id, ctx.event.actionId.split(':')[2]);
    const conditions = await loadConditions(ctx.trx, caller.network.id);
    if (conditions.length === 0)
      throw new UserError(`${caller.network.name} has no site conditions yet. ${CONDITIONS_HINT}`);
    return { openForm: await conditionsForm(ctx.trx, caller, site, conditions), replies: [] };
  },
};

/** "level middle, locale urban" for each site: its values now. */
export async function currentValuesBySite(trx: Trx, networkId: number): Promise<Map<number, string>> {
  const [conditions, history] = await Promise.all([
    loadConditions(trx, networkId),
    historyOfNetwork(trx, networkId),
  ]);
  const out = new Map<number, string>();
  for (const siteId of new Set(history.map((h) => h.siteId))) {
    const parts = conditions
      .map((c) => {
        const now = currentRange(history.filter((h) => h.siteId === siteId && h.conditionId === c.id));
        return now ? `${c.name} ${valueName(c, now.valueId)}` : null;
      })
      .filter((p): p is string => p !== null);
    if (parts.length) out.set(siteId, parts.join(', '));
  }
  return out;
}

function historyLine(c: NetworkCondition, ranges: SiteConditionRange[]): string {
  if (ranges.length === 0) return `• ${c.name}: _not set_`;
  const now = currentRange(ranges);
  const head = now ? `**${valueName(c, now.valueId)}**` : '_not set now_';
  const since = now?.validFrom ? ` since ${formatDay(now.validFrom)}` : now ? ' (from the start)' : '';
  const earlier = ranges
    .filter((r) => r !== now)
    .map(
      (r) =>
        `${valueName(c, r.valueId)} ${r.validFrom ? `from ${formatDay(r.validFrom)}` : 'from the start'} until ${formatDay(r.validTo!)}`,
    );
  return `• ${c.name}: ${head}${since}${earlier.length ? `; before: ${earlier.join('; ')}` : ''}`;
}

/** `site <site>`: the site's page, with its conditions and their history. */
export async function showSite(ctx: Ctx, words: Token[]): Promise<HandlerResult> {
  const caller = requireMember(ctx.caller);
  // No site name is longer than 120 characters: a longer text is cut before it is looked up and repeated.
  const site = await findSite(ctx.trx, caller.network.id, joined(words).slice(0, 121));
  const [conditions, history, members] = await Promise.all([
    loadConditions(ctx.trx, caller.network.id),
    historyOfNetwork(ctx.trx, caller.network.id),
    activeMembersAt(ctx.trx, site.id),
  ]);
  const n = members;
  const blocks: Block[] = [
    { type: 'heading', text: site.name },
    {
      type: 'fields',
      fields: [
        { label: 'Members', value: String(n) },
        { label: 'Time zone', value: site.time_zone ?? `${caller.network.time_zone} (the network's)` },
      ],
    },
  ];
  if (conditions.length) {
    const lines = conditions.map((c) =>
      historyLine(
        c,
        history.filter((h) => h.siteId === site.id && h.conditionId === c.id),
      ),
    );
    blocks.push({ type: 'text', text: `**Conditions**\n${lines.join('\n')}` });
  } else {
    blocks.push({ type: 'text', text: `No site conditions yet. ${CONDITIONS_HINT}` });
  }
  const facilitator = hasRole(caller.member, 'facilitator');
  if (facilitator && conditions.length) {
    blocks.push({
      type: 'buttons',
      buttons: [
        { actionId: `form.open:${FORM}:${site.id}`, label: 'Set conditions', value: `${FORM}:${site.id}` },
      ],
    });
  }
  blocks.push({
    type: 'context',
    text: `People: \`/pdsa members ${quoted(site.name)}\`. Breaks: \`/pdsa site breaks ${quoted(site.name)}\`. Cycles: \`/pdsa cycles ${quoted(site.name)}\`.${facilitator ? ` Change a value: \`/pdsa site ${quoted(site.name)} set <condition> <value>\`.` : ''}`,
  });
  return { replies: [privately(message(`${site.name}: ${n} members`, ...blocks))] };
}
