import type { Activity, ResourceResponse, TurnContext } from 'botbuilder';
import { type Message, plainText } from '../../src/core/message-model.ts';
import { type CardLinks, linksFor, NO_LINKS, type Publisher } from './card-links.ts';
import { ADAPTIVE_CARD_CONTENT_TYPE, type AdaptiveCard } from './render/adaptive-card.ts';
import { renderCard } from './render/card.ts';

/** A message of the core as a Teams message activity carrying one Adaptive Card. */
export function messageActivity(message: Message, links: CardLinks = NO_LINKS): Partial<Activity> {
  return cardActivity(renderCard(message, links), message.summary);
}

/** A message activity carrying one card; Teams shows the summary in notifications and the activity feed. */
export function cardActivity(card: AdaptiveCard, summary: string): Partial<Activity> {
  return {
    type: 'message',
    summary: plainText(summary).slice(0, 250),
    attachments: [{ contentType: ADAPTIVE_CARD_CONTENT_TYPE, content: card }],
  };
}

/** The same, with its pictures and files published first so that the card can link to them. */
export async function publishedActivity(
  publisher: Publisher | undefined,
  message: Message,
): Promise<Partial<Activity>> {
  return messageActivity(message, await linksFor(publisher, message));
}

/**
 * Sends a new message (not an answer to an activity). Outside an inbound turn
 * the TurnContext would make every message a reply to the continuation
 * event; Teams would then start a thread under a message that does not exist.
 */
export async function postNew(context: TurnContext, activity: Partial<Activity>): Promise<ResourceResponse> {
  context.onSendActivities(async (_ctx, activities, next) => {
    for (const a of activities) delete a.replyToId;
    return next();
  });
  const response = await context.sendActivity(activity);
  return response ?? { id: '' };
}
