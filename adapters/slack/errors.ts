import { webApi } from '@slack/bolt';
import { DeliveryError } from '../../src/platform/platform-port.ts';

// Slack Web API failures as the outbox understands them. `permanent` means
// the person or place cannot be reached (user gone, channel archived, bot
// removed or its token revoked): the outbox stops and marks them
// unreachable, so only such errors are permanent. Anything else (Slack
// down, the network, a refused payload) is transient and retried with
// backoff, up to the outbox's limit.

/** Platform error codes that no retry will fix: the recipient or the installation is gone. */
export const PERMANENT_ERRORS = new Set([
  'user_not_found',
  'users_not_found',
  'user_not_visible',
  'user_disabled',
  'account_inactive',
  'channel_not_found',
  'is_archived',
  'not_in_channel',
  'cannot_dm_bot',
  'messages_tab_disabled',
  'restricted_action',
  'restricted_action_read_only_channel',
  'restricted_action_non_threadable_channel',
  'restricted_action_thread_locked',
  'ekm_access_denied',
  'team_access_not_granted',
  'team_not_found',
  'invalid_auth',
  'not_authed',
  'token_revoked',
  'token_expired',
  'app_uninstalled',
  'missing_scope',
  'no_permission',
  'not_allowed_token_type',
  'org_login_required',
]);

/** How long to wait when Slack says "ratelimited" in a 200 answer without a Retry-After header. */
export const DEFAULT_RETRY_AFTER_MS = 30_000;

export function toDeliveryError(error: unknown): DeliveryError {
  if (error instanceof DeliveryError) return error;
  if (error instanceof webApi.WebAPIRateLimitedError) {
    return new DeliveryError(
      'rate_limited',
      'Slack rate limit (HTTP 429)',
      Math.max(0, error.retryAfter) * 1000,
    );
  }
  if (error instanceof webApi.WebAPIPlatformError) {
    const code = error.data.error;
    if (code === 'ratelimited' || code === 'rate_limited') {
      const after = error.data.response_metadata?.retryAfter;
      return new DeliveryError(
        'rate_limited',
        `Slack rate limit (${code})`,
        after !== undefined ? after * 1000 : DEFAULT_RETRY_AFTER_MS,
      );
    }
    return new DeliveryError(
      PERMANENT_ERRORS.has(code) ? 'permanent' : 'transient',
      `Slack API error: ${code}`,
    );
  }
  if (error instanceof webApi.WebAPIHTTPError) {
    if (error.statusCode === 429) {
      const seconds = Number(error.headers['retry-after']);
      return new DeliveryError(
        'rate_limited',
        'Slack rate limit (HTTP 429)',
        Number.isFinite(seconds) ? seconds * 1000 : DEFAULT_RETRY_AFTER_MS,
      );
    }
    return new DeliveryError('transient', `Slack answered HTTP ${error.statusCode}`);
  }
  if (error instanceof webApi.WebAPIRequestError) {
    return new DeliveryError('transient', `Slack could not be reached: ${error.original.message}`);
  }
  return new DeliveryError(
    'transient',
    `Slack delivery failed: ${(error as Error)?.message ?? String(error)}`,
  );
}

/** The Slack error code of a failed Web API call, if it was a platform error. */
export function slackErrorCode(error: unknown): string | undefined {
  return error instanceof webApi.WebAPIPlatformError ? error.data.error : undefined;
}
