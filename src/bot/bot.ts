import { matchingChoices } from '../core/choice-search.ts';
import { type Choice, type Message, textMessage } from '../core/message-model.ts';
import type { BotSettings } from '../core/settings.ts';
import type { Db } from '../db/connect.ts';
import { claimEvent } from '../store/inbound-events.ts';
import { resolveCaller } from './caller.ts';
import { routeCommand } from './command-router.ts';
import type { CommandSpec } from './commands/command.ts';
import { findCommand } from './commands/help.ts';
import type { HandlerContext } from './context.ts';
import { type Actor, type InboundEvent, inboundEventSchema } from './inbound.ts';
import { findRoute, type InteractionRoutes } from './interaction-routes.ts';
import { type HandlerResult, privately } from './outbound.ts';
import type { PlatformRegistry } from './platform-features.ts';
import type { BotServices } from './services.ts';
import { DatabaseUnavailableError, isConnectionError, UserError } from './user-error.ts';

export type BotDeps = {
  db: Db;
  clock: () => Date;
  settings: BotSettings;
  /** What each platform's adapter declared it can do. */
  platforms: PlatformRegistry;
  /** The digest and the demo, for the commands that use them. */
  services: BotServices;
  commands: CommandSpec[];
  routes: InteractionRoutes;
  /** Builds a person's overview; see Bot.home. */
  home: (ctx: {
    trx: HandlerContext['trx'];
    now: Date;
    caller: HandlerContext['caller'];
    settings: BotSettings;
  }) => Promise<Message>;
  /** Called after an event's transaction committed (e.g. to dispatch the outbox at once). */
  onCommitted?: () => void;
};

export type Bot = {
  /**
   * Handles one inbound event exactly once. Throws DatabaseUnavailableError
   * when nothing could be saved, so that the adapter can let the platform
   * retry or tell the person plainly.
   */
  handle(event: InboundEvent): Promise<HandlerResult>;
  /** A person's own overview (open check-ins, cycles, and for facilitators the network): an App Home, a welcome card. */
  home(actor: Actor): Promise<Message>;
  /**
   * The choices of a form's input (one marked `searchable`) that match what
   * the person typed, at most 100, for platforms that search long lists
   * instead of showing them whole. Empty when the form or input is unknown
   * or the person may not see it.
   */
  choices(actor: Actor, formId: string, inputId: string, query: string): Promise<Choice[]>;
};

export function createBot(deps: BotDeps): Bot {
  return {
    async home(actor) {
      const now = deps.clock();
      try {
        return await deps.db.transaction().execute(async (trx) => {
          const caller = await resolveCaller(trx, actor, now, deps.platforms);
          return deps.home({ trx, now, caller, settings: deps.settings });
        });
      } catch (error) {
        if (isConnectionError(error)) {
          throw new DatabaseUnavailableError('The database is not reachable.', { cause: error });
        }
        throw error;
      }
    },
    async choices(actor, formId, inputId, query) {
      const route = findRoute(deps.routes.forms, formId);
      const build = route?.form;
      if (!build) return [];
      const now = deps.clock();
      try {
        const form = await deps.db.transaction().execute(async (trx) => {
          const caller = await resolveCaller(trx, actor, now, deps.platforms);
          return build({ trx, now, caller, settings: deps.settings, services: deps.services }, formId);
        });
        const input = form.inputs.find((i) => i.id === inputId);
        return input?.kind === 'choice' && input.searchable ? matchingChoices(input.choices, query) : [];
      } catch (error) {
        if (error instanceof UserError) return [];
        if (isConnectionError(error)) {
          throw new DatabaseUnavailableError('The database is not reachable.', { cause: error });
        }
        throw error;
      }
    },
    async handle(raw) {
      const parsed = inboundEventSchema.safeParse(raw);
      if (!parsed.success) {
        const tooLong = parsed.error.issues.some((i) => i.code === 'too_big');
        return {
          replies: [
            privately(
              textMessage(
                tooLong
                  ? 'That message is too long for me to store. Please shorten it (at most 4,000 characters) and send it again.'
                  : 'I could not read that message. Please try again, or type `/pdsa help`.',
              ),
            ),
          ],
        };
      }
      const event = parsed.data;
      const now = deps.clock();
      try {
        const result = await deps.db.transaction().execute(async (trx) => {
          if (!(await claimEvent(trx, event.actor.platform, event.eventId, now))) {
            return { replies: [], duplicate: true } satisfies HandlerResult;
          }
          const caller = await resolveCaller(trx, event.actor, now, deps.platforms);
          const ctx: HandlerContext = {
            trx,
            now,
            event,
            caller,
            settings: deps.settings,
            services: deps.services,
          };
          return dispatch(ctx, deps);
        });
        if (!result.duplicate) deps.onCommitted?.();
        return result;
      } catch (error) {
        if (error instanceof UserError) return { replies: [privately(textMessage(error.message))] };
        if (isConnectionError(error)) {
          throw new DatabaseUnavailableError('The database is not reachable; nothing was saved.', {
            cause: error,
          });
        }
        throw error;
      }
    },
  };
}

async function dispatch(ctx: HandlerContext, deps: BotDeps): Promise<HandlerResult> {
  const { event } = ctx;
  switch (event.kind) {
    case 'command':
      return routeCommand({ ...ctx, event }, deps.commands);
    case 'reply': {
      // Platforms without slash commands (a Teams chat, a Slack DM) send typed
      // text as a reply. It is a command when it says so, or when it is just a
      // command's name, or when no answer is expected and it starts with a
      // command word.
      const text = event.text.trim();
      const asCommand = { ...ctx, event: { ...event, kind: 'command' as const } };
      const firstWord = text.split(/\s+/)[0]?.toLowerCase() ?? '';
      if (
        /^\/pdsa(\s|$)/i.test(text) ||
        (firstWord === text.toLowerCase() && findCommand(deps.commands, firstWord))
      ) {
        return routeCommand(asCommand, deps.commands);
      }
      for (const route of deps.routes.replies) {
        const result = await route({ ...ctx, event });
        if (result) return result;
      }
      if (findCommand(deps.commands, firstWord)) return routeCommand(asCommand, deps.commands);
      return {
        replies: [
          privately(
            textMessage(
              "I'm not waiting for an answer from you right now. Type `/pdsa help` to see what I can do, or `/pdsa status` for your cycles.",
            ),
          ),
        ],
      };
    }
    case 'action': {
      const route = findRoute(deps.routes.actions, event.actionId);
      if (!route)
        throw new UserError(
          'That button is no longer in use. Type `/pdsa status` to see your open check-ins.',
        );
      return route.run({ ...ctx, event });
    }
    case 'formSubmit': {
      const route = findRoute(deps.routes.forms, event.formId);
      if (!route)
        throw new UserError('That form is no longer in use. Type `/pdsa status` to see your open check-ins.');
      return route.run({ ...ctx, event });
    }
  }
}
