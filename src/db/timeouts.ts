/**
 * How long the bot waits on PostgreSQL before it gives up and says the
 * database is unavailable (PGlite runs in-process and needs none of this).
 */
export type DatabaseTimeouts = {
  /** Server side: PostgreSQL cancels a statement that runs longer (`statement_timeout`). */
  statementMs: number;
  /**
   * Client side: the bot stops waiting for an answer after this long and
   * closes that connection. It catches what the server cannot: a server that
   * is frozen, a network that dropped the connection silently. Longer than
   * the statement timeout, so that a merely slow statement is cancelled
   * cleanly by the server first.
   */
  queryMs: number;
  /** Opening a connection, or waiting for a free one in the pool. */
  connectMs: number;
};

export const DEFAULT_TIMEOUTS: DatabaseTimeouts = { statementMs: 10_000, queryMs: 15_000, connectMs: 5_000 };

/** The client-side limit that goes with a statement timeout when none is set. */
export function queryTimeoutFor(statementMs: number): number {
  return statementMs + 5_000;
}
