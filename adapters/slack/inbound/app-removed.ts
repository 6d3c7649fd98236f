import type { App, InstallationStore } from '@slack/bolt';
import type { Db } from '../../../src/db/connect.ts';
import type { Log } from '../../../src/platform/log.ts';
import { markWorkspaceUnreachable } from '../../../src/store/reachability.ts';
import { ackEvent } from '../deferred-ack-receiver.ts';
import { whoFrom } from './listener-deps.ts';

export const SLACK_REMOVED_REASON = 'pdsa-bot was removed from the Slack workspace';

export type RemovalDeps = { db: Db; log: Log; installationStore?: InstallationStore; clock?: () => Date };

/**
 * The app uninstalled from a workspace, or its bot token revoked: everyone
 * there is marked unreachable at once (the planner stops prompting them and
 * facilitators see why) and the installation is deleted, so that its dead
 * token is never tried again. Installing again makes them reachable (see
 * store.ts). User tokens (`tokens.oauth`) are none of ours.
 */
export function registerAppRemoval(app: App, deps: RemovalDeps): void {
  const removed = async (teamId: string | undefined, enterpriseId: string | undefined, isOrg: boolean) => {
    const workspaceId = (isOrg ? enterpriseId : teamId) ?? teamId ?? enterpriseId;
    if (!workspaceId) return;
    const now = (deps.clock ?? (() => new Date()))();
    const people = await markWorkspaceUnreachable(
      deps.db,
      { platform: 'slack', workspaceId },
      SLACK_REMOVED_REASON,
      now,
    );
    await deps.installationStore?.deleteInstallation?.({
      teamId,
      enterpriseId,
      isEnterpriseInstall: isOrg,
    } as Parameters<InstallationStore['deleteInstallation'] & {}>[0]);
    deps.log.warn(
      {
        workspace: workspaceId,
        people,
      },
      'Slack: the app was removed from a workspace; its people are marked unreachable',
    );
  };

  app.event('app_uninstalled', async ({ body, context }) => {
    const who = whoFrom(context, '', (body as { team_id?: string }).team_id);
    await removed(who.team, context.enterpriseId, Boolean(context.isEnterpriseInstall));
    await ackEvent(context);
  });

  app.event('tokens_revoked', async ({ event, body, context }) => {
    if ((event.tokens.bot ?? []).length > 0) {
      const who = whoFrom(context, '', (body as { team_id?: string }).team_id);
      await removed(who.team, context.enterpriseId, Boolean(context.isEnterpriseInstall));
    }
    await ackEvent(context);
  });
}
