import type { NetworkCondition } from '../../core/conditions/definitions.ts';
import {
  type ConditionDefinition,
  DEFINITIONS_EXAMPLE,
  MAX_CONDITION_NAME,
  MAX_CONDITION_VALUE,
  MAX_CONDITIONS,
  MAX_VALUES,
  parseDefinitions,
  parseValueList,
} from '../../core/conditions/definitions.ts';
import { currentRange } from '../../core/conditions/history.ts';
import { message } from '../../core/message-model.ts';
import { matchName, sameName, tidyName } from '../../core/named.ts';
import { naturalCompare } from '../../core/natural-order.ts';
import type { Token } from '../../core/parsing/command-line.ts';
import { quoteInput } from '../../core/quoted-input.ts';
import { loadConditions } from '../../learning/network-conditions.ts';
import { deleteValue, insertValues, renameValue } from '../../store/condition-values.ts';
import { deleteCondition, insertCondition, renameCondition } from '../../store/conditions.ts';
import { historyOfNetwork, sitesEverWithValue, sitesWithCondition } from '../../store/site-conditions.ts';
import { sitesOf as sitesOfNetwork } from '../../store/sites.ts';
import type { Trx } from '../context.ts';
import { type HandlerResult, privately } from '../outbound.ts';
import { type ActiveCaller, requireMember, requireRole } from '../permissions.ts';
import { limitLength, UserError } from '../user-error.ts';
import type { CommandSpec } from './command.ts';
import {
  type Ctx,
  joined,
  readKeywords,
  runSubcommand,
  type Subcommand,
  unknownSubcommand,
  wordsWithin,
} from './setup-args.ts';
import { plural } from './setup-format.ts';

// `/pdsa conditions`: what the network describes its sites by (level,
// locale, size band) and the values each may take. Sites get their values
// with `/pdsa site <site> set …` (site-conditions.ts).

const ADD_USAGE =
  'Type e.g. `/pdsa condition add level values elementary, middle, high`, or several at once: `/pdsa network conditions ' +
  `${DEFINITIONS_EXAMPLE}\`.`;
const RENAME_USAGE =
  'Type e.g. `/pdsa condition rename level to school level`, or for a value `/pdsa condition rename level mid to middle`.';
const REMOVE_USAGE =
  'Type e.g. `/pdsa condition remove size`, or for a value `/pdsa condition remove level k-8`.';

export const CONDITIONS_HINT = `A facilitator names them: \`/pdsa network conditions ${DEFINITIONS_EXAMPLE}\`.`;

/** "level (elementary, middle, high)" */
export function conditionSummary(c: NetworkCondition): string {
  return `${c.name} (${c.values.length ? c.values.map((v) => v.value).join(', ') : 'no values yet'})`;
}

/** The condition named `typed`, or a UserError listing the conditions. */
export function pickCondition(conditions: readonly NetworkCondition[], typed: string): NetworkCondition {
  const match = matchName(conditions, (c) => c.name, typed);
  if (match.kind === 'found') return match.item;
  throw new UserError(
    conditions.length
      ? `There is no condition ${quoteInput(typed)}. The conditions are: ${conditions.map((c) => c.name).join(', ')}.`
      : `There is no condition ${quoteInput(typed)}: the network has none yet. ${CONDITIONS_HINT}`,
  );
}

/** The value of `condition` named `typed`, or a UserError listing its values. */
export function pickValue(condition: NetworkCondition, typed: string): { id: number; value: string } {
  const match = matchName(condition.values, (v) => v.value, typed);
  if (match.kind === 'found') return match.item;
  const known = condition.values.map((v) => v.value);
  const value = tidyName(typed);
  const add =
    value.length <= MAX_CONDITION_VALUE
      ? `A facilitator can add it: \`/pdsa condition add ${condition.name} values ${value}\`.`
      : `A facilitator can add values: \`/pdsa condition add ${condition.name} values <value>\`.`;
  throw new UserError(
    known.length
      ? `${condition.name} has no value ${quoteInput(typed)}. Its values are: ${known.join(', ')}. ${add}`
      : `${condition.name} has no values yet. ${add}`,
  );
}

/** Adds the conditions that are new and the values that are new to each; says what changed. */
async function define(
  ctx: Ctx,
  caller: ActiveCaller,
  definitions: ConditionDefinition[],
): Promise<HandlerResult> {
  const existing = await loadConditions(ctx.trx, caller.network.id);
  const said: string[] = [];
  let count = existing.length;
  for (const d of definitions) {
    const name = limitLength(d.name, MAX_CONDITION_NAME, 'condition name');
    for (const v of d.values) limitLength(v, MAX_CONDITION_VALUE, 'condition value');
    let condition = existing.find((c) => sameName(c.name, name));
    if (!condition) {
      if (count >= MAX_CONDITIONS) {
        throw new UserError(
          `A network can describe its sites by at most ${MAX_CONDITIONS} conditions; ${caller.network.name} has ${count}. Each one splits the evidence on every idea, so a few that matter most work best.`,
        );
      }
      const row = await insertCondition(ctx.trx, caller.network.id, name, ctx.now);
      condition = { id: row.id, name: row.name, values: [] };
      count += 1;
    }
    const fresh = d.values.filter((v) => !condition.values.some((known) => sameName(known.value, v)));
    if (condition.values.length + fresh.length > MAX_VALUES) {
      throw new UserError(
        `${condition.name} can have at most ${MAX_VALUES} values (it would have ${condition.values.length + fresh.length}): with more, each holds too few sites to say anything.`,
      );
    }
    await insertValues(ctx.trx, condition.id, fresh, ctx.now);
    const all = [...condition.values.map((v) => v.value), ...fresh];
    const isNew = !existing.includes(condition);
    said.push(
      isNew
        ? `• **${condition.name}**: ${all.length ? all.join(', ') : 'no values yet'}`
        : fresh.length
          ? `• **${condition.name}**: added ${fresh.join(', ')} (now ${all.join(', ')})`
          : `• **${condition.name}**: already there, with ${all.length ? all.join(', ') : 'no values'}`,
    );
  }
  const text = `Conditions of ${caller.network.name}:\n${said.join('\n')}\nGive each site its values: \`/pdsa site <site> set ${definitions[0]!.name} <value>\` (or \`/pdsa site <site> set\` for a form).`;
  return say(text);
}

/** `network conditions …` and `condition add …`: the definitions in either grammar. */
export async function addConditions(ctx: Ctx, words: Token[]): Promise<HandlerResult> {
  const caller = await requireRole(ctx.trx, ctx.caller, 'facilitator', 'change the site conditions');
  const text = joined(words);
  if (text === '') throw new UserError(`Name the condition and its values. ${ADD_USAGE}`);
  // Colons and semicolons typed outside quotes mean several definitions at once.
  if (words.some((w) => !w.quoted && /[:;]/.test(w.text))) {
    const parsed = parseDefinitions(text);
    if (!parsed.ok) throw new UserError(`${parsed.error} ${ADD_USAGE}`);
    return define(ctx, caller, parsed.definitions);
  }
  const { values, positional } = readKeywords(words, ['values', 'value'], ADD_USAGE);
  const typed = values.values ?? values.value;
  // `condition add level, locale`: names alone, as in `network conditions level, locale`.
  if (typed === undefined && positional.includes(',')) {
    const parsed = parseDefinitions(positional);
    if (!parsed.ok) throw new UserError(`${parsed.error} ${ADD_USAGE}`);
    return define(ctx, caller, parsed.definitions);
  }
  const name = tidyName(positional);
  if (name === '') throw new UserError(`Which condition? ${ADD_USAGE}`);
  return define(ctx, caller, [{ name, values: typed === undefined ? [] : parseValueList(typed) }]);
}

async function list(ctx: Ctx): Promise<HandlerResult> {
  const caller = requireMember(ctx.caller);
  const conditions = await loadConditions(ctx.trx, caller.network.id);
  if (conditions.length === 0) {
    const text = `${caller.network.name} describes its sites by no conditions yet. Conditions (level, locale, size…) let the network see for whom and under what conditions each change idea works. ${CONDITIONS_HINT}`;
    return say(text);
  }
  const [history, sites] = await Promise.all([
    historyOfNetwork(ctx.trx, caller.network.id),
    sitesOf(ctx.trx, caller.network.id),
  ]);
  const sections = conditions.map((c) => {
    const current = new Map<number, number>();
    for (const s of sites) {
      const range = currentRange(history.filter((h) => h.siteId === s.id && h.conditionId === c.id));
      if (range) current.set(s.id, range.valueId);
    }
    const lines = c.values.map((v) => {
      const at = sites.filter((s) => current.get(s.id) === v.id).map((s) => s.name);
      return `• ${v.value}: ${at.length ? at.join(', ') : '_no site_'}`;
    });
    const unset = sites.filter((s) => !current.has(s.id)).map((s) => s.name);
    if (unset.length) lines.push(`• _not set_: ${unset.join(', ')}`);
    return `**${c.name}**\n${lines.join('\n')}`;
  });
  return {
    replies: [
      privately(
        message(
          `Conditions of ${caller.network.name}: ${conditions.map((c) => c.name).join(', ')}`,
          { type: 'heading', text: `Site conditions of ${caller.network.name}` },
          { type: 'text', text: sections.join('\n\n') },
          {
            type: 'context',
            text: 'A site keeps the history of its values: each cycle is read under the values in force when it began. Set them: `/pdsa site <site> set <condition> <value>`. By idea: `/pdsa learnings idea <number>`.',
          },
        ),
      ),
    ],
  };
}

/** The network's sites by name, for the lists above. Reads `sites` as the other setup commands do. */
async function sitesOf(trx: Trx, networkId: number) {
  const rows = await sitesOfNetwork(trx, networkId);
  return rows.sort((a, b) => naturalCompare(a.name, b.name));
}

/** The condition named at the start of `words` (longest run of words that is a name), and the rest. */
function conditionAtStart(conditions: readonly NetworkCondition[], words: readonly Token[], usage: string) {
  // No run longer than the longest name can be one: pasted text costs no more than a name.
  for (let n = wordsWithin(words, MAX_CONDITION_NAME); n >= 1; n--) {
    const name = joined(words.slice(0, n));
    const hit = conditions.find((c) => sameName(c.name, name));
    if (hit) return { condition: hit, rest: words.slice(n) };
  }
  if (words.length === 0) throw new UserError(`Which condition? ${usage}`);
  return { condition: pickCondition(conditions, words[0]!.text), rest: words.slice(1) };
}

async function rename(ctx: Ctx, words: Token[]): Promise<HandlerResult> {
  const caller = await requireRole(ctx.trx, ctx.caller, 'facilitator', 'change the site conditions');
  const { values, positional } = readKeywords(words, ['to'], RENAME_USAGE);
  const newName = tidyName(values.to ?? '');
  if (newName === '' || positional === '')
    throw new UserError(`Name what to rename and its new name. ${RENAME_USAGE}`);
  const conditions = await loadConditions(ctx.trx, caller.network.id);
  const before = words.slice(
    0,
    words.findIndex((w) => !w.quoted && w.text.toLowerCase() === 'to'),
  );
  const { condition, rest } = conditionAtStart(conditions, before, RENAME_USAGE);
  if (rest.length === 0) {
    limitLength(newName, MAX_CONDITION_NAME, 'condition name');
    if (condition.name === newName) return say(`The condition ${condition.name} is already called that.`);
    const clash = conditions.find((c) => c.id !== condition.id && sameName(c.name, newName));
    if (clash)
      throw new UserError(`There is already a condition called "${clash.name}". Choose another name.`);
    await renameCondition(ctx.trx, caller.network.id, condition.id, newName);
    return say(
      `The condition ${condition.name} is now called **${newName}**. Every site keeps its values and their history.`,
    );
  }
  const value = pickValue(condition, joined(rest));
  limitLength(newName, MAX_CONDITION_VALUE, 'condition value');
  if (value.value === newName)
    return say(`The value ${value.value} of ${condition.name} is already called that.`);
  const clash = condition.values.find((v) => v.id !== value.id && sameName(v.value, newName));
  if (clash)
    throw new UserError(`${condition.name} already has a value "${clash.value}". Choose another name.`);
  await renameValue(ctx.trx, condition.id, value.id, newName);
  return say(
    `The value ${value.value} of ${condition.name} is now called **${newName}**, at every site and in every cycle's record.`,
  );
}

async function remove(ctx: Ctx, words: Token[]): Promise<HandlerResult> {
  const caller = await requireRole(ctx.trx, ctx.caller, 'facilitator', 'change the site conditions');
  const conditions = await loadConditions(ctx.trx, caller.network.id);
  const { condition, rest } = conditionAtStart(conditions, words, REMOVE_USAGE);
  if (rest.length === 0) {
    const sites = await sitesWithCondition(ctx.trx, condition.id);
    await deleteCondition(ctx.trx, caller.network.id, condition.id);
    return say(
      `Removed the condition **${condition.name}**${sites ? `, with the values ${plural(sites, 'site')} had of it and their history` : ''}. The learnings are no longer split by it.`,
    );
  }
  const value = pickValue(condition, joined(rest));
  const used = await sitesEverWithValue(ctx.trx, value.id);
  if (used.length) {
    throw new UserError(
      `${plural(used.length, 'site')} ${used.length === 1 ? 'has' : 'have'} had ${condition.name} ${value.value}, and their cycles are read under it, so it stays. To call it something else: \`/pdsa condition rename ${condition.name} ${value.value} to <new name>\`.`,
    );
  }
  await deleteValue(ctx.trx, condition.id, value.id);
  return say(`Removed the value ${value.value} from ${condition.name}.`);
}

function say(text: string): HandlerResult {
  return { replies: [privately(message(text, { type: 'text', text }))] };
}

const SUBCOMMANDS: Subcommand[] = [
  { names: ['add', 'new', 'create'], run: addConditions },
  { names: ['list'], run: (ctx) => list(ctx) },
  { names: ['rename'], run: rename },
  { names: ['remove', 'delete'], run: remove },
];

/** `network conditions`: the list without words, definitions with them. */
export function networkConditions(ctx: Ctx, words: Token[]): Promise<HandlerResult> {
  return words.length === 0 ? list(ctx) : addConditions(ctx, words);
}

export const conditionCommand: CommandSpec = {
  name: 'condition',
  aliases: ['conditions'],
  group: 'Network setup',
  summary:
    'the conditions sites are described by (level, locale, size…) and their values, to learn for whom and where ideas work',
  who: 'any member can list; facilitators and admins add, rename and remove',
  usage: [
    'conditions',
    'condition add <name> [values <value>, <value>, …]',
    'condition add <name>: <value>, …; <name>: <value>, …',
    'condition rename <condition> [<value>] to <new name>',
    'condition remove <condition> [<value>]',
  ],
  examples: [
    '/pdsa conditions',
    '/pdsa condition add level values elementary, middle, high',
    '/pdsa condition add locale: urban, rural, island; size: small, large',
    '/pdsa condition rename level mid to middle',
  ],
  details: [
    `A condition is something about a site that may change how a change idea works there: its level, its locale, its size. A network has up to ${MAX_CONDITIONS}, each with up to ${MAX_VALUES} values; \`condition add\` on a condition that exists adds the values it lacks. \`/pdsa network conditions …\` does the same as \`condition add\`.`,
    'Each site gets its values with `/pdsa site <site> set <condition> <value> …`; `/pdsa learnings idea <number>` then groups the evidence on an idea by them. A value some site has had cannot be removed (its cycles are read under it), only renamed.',
  ].join('\n'),
  async run(ctx, { rest }) {
    return runSubcommand(ctx, rest, SUBCOMMANDS, async (c, words) => {
      if (words.length === 0) return list(c);
      throw unknownSubcommand('condition', words[0]!.text, SUBCOMMANDS);
    });
  },
};
