import { message } from '../../core/message-model.ts';
import { closeOpenCheckins } from '../../store/checkins.ts';
import { forgetDeliveriesOf } from '../../store/deliveries/cancel.ts';
import { updateMember } from '../../store/members.ts';
import { anonymizePerson } from '../../store/people.ts';
import { deleteRawRepliesOf, rawRepliesOf } from '../../store/raw-replies.ts';
import { checkinsOfMember, revisionsOfMember } from '../../store/views/personal-data.ts';
import { privately } from '../outbound.ts';
import { requireMember, requireRole } from '../permissions.ts';
import { findMemberByName } from '../person-ref.ts';
import { UserError } from '../user-error.ts';
import type { CommandSpec } from './command.ts';
import { toCsv } from './csv.ts';

/** `export me`: everything the bot holds about the caller, as files. */
export async function exportMine(ctx: Parameters<CommandSpec['run']>[0]) {
  const caller = requireMember(ctx.caller);
  const p = caller.person;
  const checkins = await checkinsOfMember(ctx.trx, caller.member.id);
  const revisions = await revisionsOfMember(ctx.trx, caller.member.id);
  const replies = await rawRepliesOf(ctx.trx, p.id);
  const profile = toCsv(
    ['name', 'platform', 'user_id', 'time_zone', 'network', 'role', 'paused_until', 'member_since'],
    [
      [
        p.display_name,
        p.platform,
        p.platform_user_id,
        p.time_zone,
        caller.network.name,
        caller.member.role,
        caller.member.paused_until,
        caller.member.created_at,
      ],
    ],
  );
  const answers = toCsv(
    ['checkin_id', 'cycle_number', 'phase', 'status', 'due_at', 'answered_at', 'version', 'answer_json'],
    checkins.map((c) => [
      c.id,
      c.cycleNumber,
      c.phase,
      c.status,
      c.due_at,
      c.answered_at,
      c.version,
      c.answer,
    ]),
  );
  const history = toCsv(
    ['checkin_id', 'version', 'recorded_at', 'answer_json'],
    revisions.map((r) => [r.checkin_id, r.version, r.recorded_at, r.answer]),
  );
  const raw = toCsv(
    ['received_at', 'checkin_id', 'text', 'understood'],
    replies.map((r) => [r.received_at, r.checkin_id, r.text, r.understood]),
  );
  const stamp = ctx.now.toISOString().slice(0, 10);
  return {
    replies: [
      privately(
        message(
          'Your data',
          {
            type: 'text',
            text: `Everything pdsa-bot keeps about you in ${caller.network.name}: your profile, ${checkins.length} check-ins, earlier versions of edited answers, and the text of your replies.`,
          },
          {
            type: 'file',
            fileName: `my-profile-${stamp}.csv`,
            mimeType: 'text/csv',
            content: profile,
            title: 'Profile',
          },
          {
            type: 'file',
            fileName: `my-checkins-${stamp}.csv`,
            mimeType: 'text/csv',
            content: answers,
            title: 'Check-ins',
          },
          {
            type: 'file',
            fileName: `my-answer-history-${stamp}.csv`,
            mimeType: 'text/csv',
            content: history,
            title: 'Earlier versions',
          },
          {
            type: 'file',
            fileName: `my-replies-${stamp}.csv`,
            mimeType: 'text/csv',
            content: raw,
            title: 'Reply texts',
          },
        ),
      ),
    ],
  };
}

export const forgetCommand: CommandSpec = {
  name: 'forget',
  group: 'Digest and data',
  summary: "delete a person's personal data; their answers stay in the network's record under a neutral name",
  who: 'admins',
  usage: ['forget <@person>'],
  examples: ['/pdsa forget @ana'],
  details:
    'Removes their name, chat identity, time zone, the raw text of their replies and any open check-ins; what the network learned from their cycles stays, attributed to "Former member <number>". This cannot be undone.',
  async run(ctx, { tokens }) {
    const caller = await requireRole(ctx.trx, ctx.caller, 'admin', "delete someone's personal data");
    if (!tokens[0]) throw new UserError('Whose data? Type `/pdsa forget @person`.');
    const { person, member } = await findMemberByName(ctx.trx, ctx.caller, tokens.join(' '));
    if (member.id === caller.member.id) {
      throw new UserError(
        'You cannot forget yourself while you are an admin. Ask another admin, or make someone else admin first.',
      );
    }
    const alias = `Former member ${member.id}`;
    await anonymizePerson(ctx.trx, person.id, alias, ctx.now);
    await deleteRawRepliesOf(ctx.trx, person.id);
    await forgetDeliveriesOf(ctx.trx, person);
    await closeOpenCheckins(ctx.trx, { memberId: member.id }, ctx.now);
    await updateMember(ctx.trx, member.id, { paused_until: null });
    return {
      replies: [
        privately(
          message('Personal data deleted', {
            type: 'text',
            text: `${person.display_name}'s personal data is deleted. Their past answers stay in ${caller.network.name}'s record as "${alias}". They will get no more messages.`,
          }),
        ),
      ],
    };
  },
};
