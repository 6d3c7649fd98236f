import type { Form } from '../core/message-model.ts';
import type { HandlerContext } from './context.ts';
import type { InboundEvent } from './inbound.ts';
import type { HandlerResult } from './outbound.ts';

type ActionEvent = Extract<InboundEvent, { kind: 'action' }>;
type FormEvent = Extract<InboundEvent, { kind: 'formSubmit' }>;
type ReplyEvent = Extract<InboundEvent, { kind: 'reply' }>;

/** Handles buttons whose action id starts with `prefix` (e.g. "checkin.answer"). */
export type ActionRoute = { prefix: string; run(ctx: HandlerContext<ActionEvent>): Promise<HandlerResult> };

/** Handles submitted forms whose form id starts with `prefix`. */
export type FormRoute = {
  prefix: string;
  run(ctx: HandlerContext<FormEvent>): Promise<HandlerResult>;
  /** The form `formId` as the caller would be shown it now, whose choices Bot.choices searches. */
  form?(ctx: FormContext, formId: string): Promise<Form>;
};

/** What a form is built from: a handler's context without an event. */
export type FormContext = Omit<HandlerContext, 'event'>;

/** Handles plain replies; returns null when the reply is not for it. */
export type ReplyRoute = (ctx: HandlerContext<ReplyEvent>) => Promise<HandlerResult | null>;

export type InteractionRoutes = {
  actions: ActionRoute[];
  forms: FormRoute[];
  replies: ReplyRoute[];
};

export function findRoute<R extends { prefix: string }>(routes: R[], id: string): R | undefined {
  return routes.find((r) => id === r.prefix || id.startsWith(`${r.prefix}:`));
}
