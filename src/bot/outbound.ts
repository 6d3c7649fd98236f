import type { Form, Message } from '../core/message-model.ts';

export type Reply = {
  message: Message;
  /** Private: only the actor sees it (a Slack ephemeral message, a DM). */
  visibility: 'private' | 'public';
};

export type HandlerResult = {
  replies: Reply[];
  /** A form to open at once (a Slack modal); platforms without forms show it inline. */
  openForm?: Form;
  /** For a form submission that could not be accepted: a message per input id (Slack shows them in the modal). */
  fieldErrors?: Record<string, string>;
  /** True when this event id had been handled before and nothing was done. */
  duplicate?: boolean;
};

export const privately = (message: Message): Reply => ({ message, visibility: 'private' });
export const publicly = (message: Message): Reply => ({ message, visibility: 'public' });
