import pg from 'pg';

// pg's client-side query timeout rejects the query but leaves the
// connection as it was: the server may still be running the statement, or
// be frozen with it, and the next query on that connection would wait
// behind it. Kysely releases such a connection back to the pool as healthy,
// so it would be handed to the next event and hang it too. This client
// closes itself instead as soon as one of its queries times out; the pool
// drops a closed client rather than reusing it, and the server rolls back
// whatever transaction the closed connection had open.

const CLIENT_TIMEOUT = 'Query read timeout';

export class GuardedClient extends pg.Client {
  // biome-ignore lint/suspicious/noExplicitAny: pg's query has a dozen overloads; this passes them through
  override query(...args: any[]): any {
    // biome-ignore lint/suspicious/noExplicitAny: as above
    const result = (super.query as (...a: any[]) => any)(...args);
    // Kysely uses the promise form only; other forms pass through untouched.
    if (typeof result?.then !== 'function') return result;
    return (result as Promise<unknown>).catch((error: unknown) => {
      if (error instanceof Error && error.message === CLIENT_TIMEOUT) this.abandon();
      throw error;
    });
  }

  /** Closes the connection without waiting for the server: with a query still running, pg destroys the socket. */
  private abandon(): void {
    this.end().catch(() => {});
  }
}
