/** A user-facing failure to open the database: printed as one line, never as a trace. */
export class DatabaseOpenError extends Error {
  override name = 'DatabaseOpenError';
}
