import type { Installation, InstallationQuery, InstallationStore } from '@slack/bolt';
import { DatabaseUnavailableError, isConnectionError } from '../../src/bot/user-error.ts';
import type { Db } from '../../src/db/connect.ts';
import { markWorkspaceReachable } from '../../src/store/reachability.ts';
import { SLACK_REMOVED_REASON } from './inbound/app-removed.ts';

// Slack OAuth installations in Postgres (`installations`, platform 'slack'):
// one row per workspace, or per organisation for an org-wide installation,
// keyed by the team id or the enterprise id; the installation (with its
// tokens) is the `credentials` JSON and is never logged.
//
// Installations are read on every event (Bolt's authorize), so a fetched
// one is kept in memory for a while: a short database outage then still
// lets events reach the core, which reports it properly.

type AnyInstallation = Installation<'v1' | 'v2', boolean>;

export type InstallationStoreOptions = { cacheMs?: number; now?: () => number };

export class PostgresInstallationStore implements InstallationStore {
  readonly #db: Db;
  readonly #cacheMs: number;
  readonly #now: () => number;
  readonly #cache = new Map<string, { installation: AnyInstallation; at: number }>();

  constructor(db: Db, options: InstallationStoreOptions = {}) {
    this.#db = db;
    this.#cacheMs = options.cacheMs ?? 10 * 60_000;
    this.#now = options.now ?? Date.now;
  }

  async storeInstallation<AuthVersion extends 'v1' | 'v2'>(
    installation: Installation<AuthVersion, boolean>,
  ): Promise<void> {
    const workspaceId =
      installation.isEnterpriseInstall && installation.enterprise?.id
        ? installation.enterprise.id
        : installation.team?.id;
    if (!workspaceId)
      throw new Error('A Slack installation without a team or enterprise id cannot be stored');
    const name = installation.isEnterpriseInstall
      ? (installation.enterprise?.name ?? null)
      : (installation.team?.name ?? null);
    const now = new Date(this.#now());
    await guard(() =>
      this.#db
        .insertInto('installations')
        .values({
          platform: 'slack',
          workspace_id: workspaceId,
          enterprise_id: installation.enterprise?.id ?? null,
          name,
          credentials: installation as unknown,
          updated_at: now,
        })
        .onConflict((oc) =>
          oc.columns(['platform', 'workspace_id']).doUpdateSet({
            enterprise_id: installation.enterprise?.id ?? null,
            name,
            credentials: installation as unknown,
            updated_at: now,
          }),
        )
        .execute(),
    );
    this.#cache.delete(workspaceId);
    // Installed again after an uninstall: its people can be written to again.
    await guard(() =>
      markWorkspaceReachable(this.#db, { platform: 'slack', workspaceId }, SLACK_REMOVED_REASON, now),
    );
  }

  async fetchInstallation(query: InstallationQuery<boolean>): Promise<AnyInstallation> {
    const ids = candidates(query);
    for (const id of ids) {
      const cached = this.#cache.get(id);
      if (cached && this.#now() - cached.at < this.#cacheMs) return cached.installation;
    }
    for (const id of ids) {
      const row = await guard(() =>
        this.#db
          .selectFrom('installations')
          .select('credentials')
          .where('platform', '=', 'slack')
          .where('workspace_id', '=', id)
          .executeTakeFirst(),
      );
      if (row?.credentials) {
        const installation = row.credentials as AnyInstallation;
        this.#cache.set(id, { installation, at: this.#now() });
        return installation;
      }
    }
    throw new Error(`No Slack installation for ${ids.join(' or ') || 'an unnamed workspace'}`);
  }

  async deleteInstallation(query: InstallationQuery<boolean>): Promise<void> {
    const ids = candidates(query).slice(0, 1);
    for (const id of ids) {
      await guard(() =>
        this.#db
          .deleteFrom('installations')
          .where('platform', '=', 'slack')
          .where('workspace_id', '=', id)
          .execute(),
      );
      this.#cache.delete(id);
    }
  }
}

/** The rows that may hold the query's installation: the org-wide one first when asked for. */
function candidates(query: InstallationQuery<boolean>): string[] {
  const ids = query.isEnterpriseInstall
    ? [query.enterpriseId, query.teamId]
    : [query.teamId, query.enterpriseId];
  return ids.filter((id): id is string => typeof id === 'string' && id !== '');
}

async function guard<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (isConnectionError(error)) {
      throw new DatabaseUnavailableError('The database is not reachable.', { cause: error });
    }
    throw error;
  }
}
