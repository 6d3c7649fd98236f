import type { App } from '@slack/bolt';
import { decodeFormMetadata } from '../form-metadata.ts';
import { choiceOption } from '../render/modal.ts';
import { actorOf, errorFields, type ListenerDeps, whoFrom } from './listener-deps.ts';

type BlockSuggestionBody = {
  action_id: string;
  value?: string;
  user: { id: string; team_id?: string };
  team?: { id?: string } | null;
  view?: { private_metadata?: string };
};

/**
 * Typing in a form's search menu (a list longer than Slack's 100 options,
 * see render/modal.ts): Slack asks for the options matching the text, and
 * the answer is the acknowledgement itself, due within 3 seconds. The bot
 * searches the choices of the form the person sees (the form id is in the
 * modal's private_metadata; the menu's action id is the input's id).
 */
export function registerChoiceSearch(app: App, deps: ListenerDeps): void {
  app.options<'block_suggestion'>({ type: 'block_suggestion' }, async ({ ack, body, client, context }) => {
    const b = body as unknown as BlockSuggestionBody;
    const formId = decodeFormMetadata(b.view?.private_metadata)?.formId;
    const who = whoFrom(context, b.user.id, b.team?.id ?? b.user.team_id);
    try {
      const actor = await actorOf(deps, client, who, { budgetMs: 500, staleOk: true });
      const choices = formId ? await deps.bot.choices(actor, formId, b.action_id, b.value ?? '') : [];
      await ack({ options: choices.map(choiceOption) });
    } catch (error) {
      deps.log.error({ ...errorFields(error), team: who.team }, 'search in a form menu failed');
      await ack({ options: [] });
    }
  });
}
