import type { InteractionRoutes } from './interaction-routes.ts';

/** Every button, form and reply handler of the core. */
export function interactionRoutes(): InteractionRoutes {
  return { actions: [], forms: [], replies: [] };
}
