import { weekSpan, weekText } from '../../core/digest/format.ts';
import { message } from '../../core/message-model.ts';
import { privately } from '../outbound.ts';
import { UserError } from '../user-error.ts';
import type { CommandSpec } from './command.ts';

// `/pdsa demo`: a sample network to try the bot on, with the caller as its
// admin. A person belongs to one network per workspace, so someone already
// in a network (or asking to join one) is told so instead.

export const demoCommand: CommandSpec = {
  name: 'demo',
  group: 'Start here',
  summary: 'create a sample network with twelve weeks of PDSA cycles, to try the bot and its digest',
  who: 'anyone not yet in a network (they become the sample network’s admin)',
  usage: ['demo'],
  examples: ['/pdsa demo'],
  details:
    'The sample network has twelve schools of different sizes, a measure (students on time), three change ideas and twelve weeks of cycles, predictions, results and decisions. Its people are fictional and are never messaged.',
  async run(ctx) {
    const { member, network, person } = ctx.caller;
    const elsewhere = `\`${ctx.settings.cliCommand ?? 'npm start --'} demo\` in a terminal, in a copy of pdsa-bot`;
    if (member && network) {
      throw new UserError(
        member.status === 'pending'
          ? `You have asked to join ${network.name}, and a person can be in one network here, so I can't make you the admin of a sample network. Try ${elsewhere} instead.`
          : `You already belong to ${network.name}, and a person can be in one network here, so I can't make you the admin of a sample network. Try ${elsewhere}, or type \`/pdsa digest preview\` to see ${network.name}'s own digest.`,
      );
    }
    const demo = await ctx.services.demo.create(ctx.trx, {
      now: ctx.now,
      adminPersonId: person.id,
      // Where people are their names (the terminal), the demo's can be spoken as (`as Nate Olsen`).
      ...(ctx.caller.features.namesArePeople
        ? { speakableIn: { platform: person.platform, workspace: person.workspace_id } }
        : {}),
    });
    const week = demo.weeks.at(-1)!;
    const text = [
      `I created the sample network **${demo.name}** and made you its admin: twelve schools from 40 to 600 students working on getting students to class on time, with PDSA cycles over the twelve weeks ${weekSpan(demo.weeks, 0, demo.weeks.length - 1)}.`,
      `• \`/pdsa digest preview\`: the weekly digest of ${weekText(week)}, with its chart`,
      '• `/pdsa status`: every site, overdue check-ins, who cannot be reached',
      '• `/pdsa learnings`: what each change idea taught each site',
      ...(demo.speakable
        ? [
            `• \`as ${demo.educator}\`: speak as one of its educators (and \`as ${person.display_name}\` to come back)`,
          ]
        : []),
    ].join('\n');
    return { replies: [privately(message(`Sample network ${demo.name} created`, { type: 'text', text }))] };
  },
};
