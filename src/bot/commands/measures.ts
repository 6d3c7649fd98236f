import type { Better, MeasureKind } from '../../core/domain.ts';
import { message } from '../../core/message-model.ts';
import { naturallySorted } from '../../core/natural-order.ts';
import type { Token } from '../../core/parsing/command-line.ts';
import { describeAcceptedForms } from '../../core/parsing/numbers.ts';
import { quoteInput } from '../../core/quoted-input.ts';
import type { MeasureRow } from '../../db/schema.ts';
import { cyclesOfMeasureByPhase } from '../../store/cycles.ts';
import { insertMeasure, measureNamed, measuresOf } from '../../store/measures.ts';
import { privately } from '../outbound.ts';
import { requireMember, requireRole } from '../permissions.ts';
import { limitLength, UserError } from '../user-error.ts';
import type { CommandSpec } from './command.ts';
import { findMeasure } from './lookups.ts';
import {
  type Ctx,
  joined,
  quoted,
  readKeywords,
  runSubcommand,
  type Subcommand,
  unknownSubcommand,
} from './setup-args.ts';

const ADD_USAGE =
  'Type e.g. `/pdsa measure add On-time arrival kind proportion better higher unit students`.';

export const KIND_EXPLANATIONS: Record<MeasureKind, string> = {
  proportion:
    'a numerator out of a denominator, e.g. students on time of students enrolled (results like 18/24 or 75%)',
  count: 'events per exposure, e.g. referrals per 100 student-days (results like 7, or 12 per 300)',
  value: 'a single number, e.g. minutes of reading (results like 25 or 3.5)',
};

const KIND_WORDS: Record<string, MeasureKind> = {
  proportion: 'proportion',
  proportions: 'proportion',
  percent: 'proportion',
  percentage: 'proportion',
  fraction: 'proportion',
  count: 'count',
  counts: 'count',
  rate: 'count',
  value: 'value',
  values: 'value',
  number: 'value',
  score: 'value',
};

const BETTER_WORDS: Record<string, Better> = {
  higher: 'higher',
  high: 'higher',
  up: 'higher',
  more: 'higher',
  increase: 'higher',
  lower: 'lower',
  low: 'lower',
  down: 'lower',
  less: 'lower',
  fewer: 'lower',
  decrease: 'lower',
};

function kindList(): string {
  return (Object.keys(KIND_EXPLANATIONS) as MeasureKind[])
    .map((k) => `• **${k}**: ${KIND_EXPLANATIONS[k]}`)
    .join('\n');
}

function readKind(text: string | undefined, name: string): MeasureKind {
  const kind = text === undefined ? undefined : KIND_WORDS[text.trim().toLowerCase()];
  if (kind) return kind;
  throw new UserError(
    `${text === undefined ? 'What kind of measure is it?' : `${quoteInput(text)} is not a kind of measure.`} Add \`kind proportion\`, \`kind count\` or \`kind value\`, e.g. \`/pdsa measure add ${quoted(name || 'On-time arrival')} kind proportion better higher\`.\n${kindList()}`,
  );
}

function readBetter(text: string | undefined, name: string, kind: MeasureKind): Better {
  const better = text === undefined ? undefined : BETTER_WORDS[text.trim().toLowerCase()];
  if (better) return better;
  throw new UserError(
    `${text === undefined ? 'Is a higher or a lower result better?' : `${quoteInput(text)} is not a direction: better is higher or lower.`} Add \`better higher\` or \`better lower\`, e.g. \`/pdsa measure add ${quoted(name)} kind ${kind} better higher\`.`,
  );
}

async function add(ctx: Ctx, words: Token[]) {
  const caller = await requireRole(ctx.trx, ctx.caller, 'facilitator', 'add measures');
  const { values, positional } = readKeywords(words, ['kind', 'better', 'unit'], ADD_USAGE);
  const name = limitLength(positional, 120, 'measure name');
  if (name === '') throw new UserError(`What is the measure called? ${ADD_USAGE}`);
  const kind = readKind(values.kind, name);
  const better = readBetter(values.better, name, kind);
  const unit = limitLength(values.unit ?? '', 40, 'unit');
  const same = await measureNamed(ctx.trx, caller.network.id, name);
  if (same) {
    throw new UserError(
      `There is already a measure called "${same.name}": \`/pdsa measure show ${quoted(same.name)}\`. Choose another name.`,
    );
  }
  await insertMeasure(ctx.trx, { network_id: caller.network.id, name, kind, better, unit });
  const text = `Added the measure **${name}**: ${describe({ kind, better, unit })}. Cycles can use it now: \`/pdsa start <site> measure ${quoted(name)}\`.`;
  return { replies: [privately(message(text, { type: 'text', text }))] };
}

function describe(m: Pick<MeasureRow, 'kind' | 'better' | 'unit'>): string {
  return `a ${m.kind}${m.unit ? ` (${m.unit})` : ''}, ${m.better} is better`;
}

async function list(ctx: Ctx) {
  const caller = requireMember(ctx.caller);
  const measures = naturallySorted(await measuresOf(ctx.trx, caller.network.id), (m) => m.name);
  if (measures.length === 0) {
    throw new UserError(`${caller.network.name} has no measures yet. A facilitator adds one: ${ADD_USAGE}`);
  }
  const lines = measures.map((m) => `• **${m.name}**: ${describe(m)}`);
  return {
    replies: [
      privately(
        message(
          `Measures of ${caller.network.name}: ${measures.map((m) => m.name).join(', ')}`,
          { type: 'heading', text: `Measures of ${caller.network.name}` },
          { type: 'text', text: lines.join('\n') },
          { type: 'context', text: 'More about one: `/pdsa measure show <name>`.' },
        ),
      ),
    ],
  };
}

async function show(ctx: Ctx, words: Token[]) {
  const caller = requireMember(ctx.caller);
  const name = joined(words);
  if (name === '')
    throw new UserError('Which measure? Type `/pdsa measure show <name>`, or `/pdsa measures` for the list.');
  const m = await findMeasure(ctx.trx, caller.network.id, name);
  const cycles = await cyclesOfMeasureByPhase(ctx.trx, caller.network.id, m.id);
  const total = cycles.reduce((sum, c) => sum + Number(c.n), 0);
  const open = cycles.filter((c) => c.phase !== 'closed').reduce((sum, c) => sum + Number(c.n), 0);
  return {
    replies: [
      privately(
        message(
          `${m.name}: ${describe(m)}`,
          { type: 'heading', text: m.name },
          {
            type: 'fields',
            fields: [
              { label: 'Kind', value: `${m.kind}: ${KIND_EXPLANATIONS[m.kind]}` },
              { label: 'Better', value: `${m.better} results` },
              { label: 'Unit', value: m.unit || '_none_' },
              { label: 'Predictions and results', value: `typed like ${describeAcceptedForms(m.kind)}` },
              { label: 'Cycles', value: `${total} (${open} under way)` },
            ],
          },
          ...(m.description ? [{ type: 'text' as const, text: m.description }] : []),
        ),
      ),
    ],
  };
}

const SUBCOMMANDS: Subcommand[] = [
  { names: ['add', 'new', 'create'], run: add },
  { names: ['list'], run: (ctx) => list(ctx) },
  { names: ['show', 'info'], run: show },
];

export const measureCommand: CommandSpec = {
  name: 'measure',
  aliases: ['measures'],
  group: 'Network setup',
  summary: 'the measures cycles are judged by: list them, show one, add one',
  who: 'any member can list and show; facilitators and admins add',
  usage: [
    'measures',
    'measure show <name>',
    'measure add <name> kind <proportion|count|value> better <higher|lower> [unit <unit>]',
  ],
  examples: [
    '/pdsa measure add On-time arrival kind proportion better higher unit students',
    '/pdsa measure add Office referrals kind count better lower unit per 100 student-days',
    '/pdsa measure add Reading time kind value better higher unit minutes',
    '/pdsa measure show On-time arrival',
  ],
  details: `The kind says how results are counted, and so how the digest compares sites fairly:\n${kindList()}\n\`better\` says which way is improvement; \`unit\` is shown with the numbers.`,
  async run(ctx, { rest }) {
    return runSubcommand(ctx, rest, SUBCOMMANDS, async (c, words) => {
      if (words.length === 0) return list(c);
      // `measure On-time arrival` shows it.
      if (!(await looksLikeMeasure(c, joined(words))))
        throw unknownSubcommand('measure', words[0]!.text, SUBCOMMANDS);
      return show(c, words);
    });
  },
};

async function looksLikeMeasure(ctx: Ctx, name: string): Promise<boolean> {
  const caller = requireMember(ctx.caller);
  const hit = await measureNamed(ctx.trx, caller.network.id, name);
  return hit !== undefined;
}

export const measureCommands: CommandSpec[] = [measureCommand];
