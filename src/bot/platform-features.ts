import type { Platform } from '../core/domain.ts';

/**
 * Whether people on this platform can fill in a form (a Slack modal, a
 * Teams card). The terminal shows a form only as a list of questions, so
 * there the bot asks for the typed command instead.
 */
export function hasForms(platform: Platform): boolean {
  return platform !== 'shell';
}
