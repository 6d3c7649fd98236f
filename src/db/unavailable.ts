// What "the database is unavailable" looks like from here: the connection
// was refused or lost, or a time limit ran out. In every case nothing of the
// work was committed (a timed-out statement or transaction is rolled back, or
// its connection closed, which rolls it back), so the caller can give up and
// let the work be tried again: the platform retries the event, the next
// scheduler tick plans again, an outbox row waits for the next pass.

const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EHOSTUNREACH',
  // admin_shutdown, crash_shutdown, cannot_connect_now
  '57P01',
  '57P02',
  '57P03',
  // query_canceled: the statement timeout ran out
  '57014',
  // idle_in_transaction_session_timeout: the server ended a stalled transaction
  '25P03',
  '08000',
  '08001',
  '08003',
  '08006',
]);

// pg and pg-pool report their own time limits and closed connections by message only.
const UNAVAILABLE_MESSAGES =
  /Connection terminated|connection timeout|timeout exceeded when trying to connect|Query read timeout|Client has encountered a connection error|Client was closed and is not queryable|Postgres connection has been discarded|PGlite is closed|database is closed/i;

/** True for errors that mean "the database is not answering", as opposed to a bug or a constraint. */
export function isDatabaseUnavailable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: string }).code;
  if (code && UNAVAILABLE_CODES.has(code)) return true;
  if (error instanceof AggregateError) return error.errors.some(isDatabaseUnavailable);
  return UNAVAILABLE_MESSAGES.test(error.message);
}
