import { message } from '../../core/message-model.ts';
import type { HandlerContext } from '../context.ts';
import { type HandlerResult, privately } from '../outbound.ts';
import type { ActiveCaller } from '../permissions.ts';
import { quoted } from './setup-args.ts';
import { openStartForm, type StartPrefill } from './start-form.ts';
import { assertCanStart, educatorsAt, startChoices } from './start-inputs.ts';

// Where a platform has no forms (the terminal), starting a cycle is typed:
// these replies give the whole command, filled in with the network's own
// sites, ideas, measures and people.

export const START_USAGE =
  '/pdsa start <site> idea <number> measure <name> owner @<person> [with @<person> …] [from <date>] [for <length> | to <date>] [question <text>]';

const mention = (name: string) => `@${name}`;

/** `/pdsa start` alone: the form where there are forms, else the command to type with what to fill in. */
export async function startWithNothingSaid(
  ctx: HandlerContext,
  caller: ActiveCaller,
): Promise<HandlerResult> {
  if (ctx.caller.features.forms) {
    return openStartForm(
      ctx,
      caller,
      `Fill in the form, or type the whole command, e.g. \`/pdsa start Lincoln idea 3 measure "On-time arrival" owner @ana from monday for 2 weeks\`.`,
    );
  }
  const choices = await startChoices(ctx, caller.network.id);
  assertCanStart(choices);
  const site = choices.sites.find((s) => s.id === caller.member.site_id) ?? choices.sites[0]!;
  const owner = caller.member.role === 'educator' ? undefined : (await educatorsAt(ctx, site.id))[0];
  const example = [
    `/pdsa start ${quoted(site.name)}`,
    choices.ideas.length ? `idea ${choices.ideas[0]!.number}` : 'idea "Greet every student at the door"',
    `measure ${quoted(choices.measures[0]!.name)}`,
    caller.member.role === 'educator' ? '' : `owner ${mention(owner ?? 'person')}`,
    'for 2 weeks',
  ]
    .filter(Boolean)
    .join(' ');
  const text = [
    `To start a cycle, type the whole command:\n\`${START_USAGE}\``,
    `**Sites:** ${choices.sites.map((s) => s.name).join(', ')}`,
    `**Change ideas:** ${
      choices.ideas.length
        ? choices.ideas.map((i) => `${i.number} ${i.text}`).join('; ')
        : 'none yet; give one in words, `idea "what you will try"`, and it is added'
    }`,
    `**Measures:** ${choices.measures.map((m) => m.name).join(', ')}`,
    `For example: \`${example}\``,
  ].join('\n');
  return { replies: [privately(message('How to start a cycle', { type: 'text', text }))] };
}

/**
 * A cycle named without its owner, by someone who is not an educator at
 * its site: nobody is made its owner silently. The form, prefilled, where
 * there are forms; else the command again with `owner`.
 */
export async function askForOwner(
  ctx: HandlerContext,
  caller: ActiveCaller,
  site: { id: number; name: string },
  typed: string,
  prefill: StartPrefill,
): Promise<HandlerResult> {
  const question = `Who will own this cycle at ${site.name}? The owner is the educator who plans it, predicts the result and studies it.`;
  if (ctx.caller.features.forms) {
    return openStartForm(
      ctx,
      caller,
      `${question} Name them in the form, or add \`owner @person\` to the command.`,
      {
        ...prefill,
        siteId: site.id,
      },
    );
  }
  const educators = await educatorsAt(ctx, site.id);
  const again = `/pdsa start ${typed.trim()} owner ${mention(educators[0] ?? 'person')}`;
  const who = educators.length ? ` Educators at ${site.name}: ${educators.join(', ')}.` : '';
  const text = `${question} Add \`owner\`, e.g. \`${again}\`.${who} Nothing was started yet.`;
  return { replies: [privately(message('Who will own this cycle?', { type: 'text', text }))] };
}
