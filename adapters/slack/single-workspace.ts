import { type Authorize, webApi } from '@slack/bolt';

/**
 * Bolt's authorization for one workspace with a bot token. Bolt's own
 * (`token` option) calls auth.test once when the app is built and keeps a
 * failure forever, which would leave the bot refusing every request after
 * Slack was unreachable for a moment at start. This one asks auth.test
 * when needed, keeps the answer once it has one, and meanwhile still
 * answers with the token (the bot's ids only serve to ignore its own
 * messages, which the DM listener also recognises by their bot_id).
 */
export function singleWorkspaceAuthorize(
  token: string,
  options: webApi.WebClientOptions,
): Authorize<boolean> {
  const client = new webApi.WebClient(token, options);
  let identity: { botId?: string; botUserId?: string } | undefined;
  let pending: Promise<void> | undefined;
  const learn = () => {
    pending ??= client.auth
      .test()
      .then((answer) => {
        identity = {
          ...(answer.bot_id ? { botId: answer.bot_id } : {}),
          ...(answer.user_id ? { botUserId: answer.user_id } : {}),
        };
      })
      .catch(() => {
        // Tried again on a later request.
      })
      .finally(() => {
        pending = undefined;
      });
    return pending;
  };
  return async () => {
    if (!identity) await learn();
    return { botToken: token, ...identity };
  };
}
