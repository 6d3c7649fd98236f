/** The part of a pino logger the Teams adapter uses; structured fields first, then a sentence. Never a message body. */
export type TeamsLog = {
  info(fields: Record<string, unknown>, msg: string): void;
  warn(fields: Record<string, unknown>, msg: string): void;
  error(fields: Record<string, unknown>, msg: string): void;
};

export const silentTeamsLog: TeamsLog = { info() {}, warn() {}, error() {} };

/** An error as a short string for logs. */
export function errorText(error: unknown): string {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return text.length > 300 ? `${text.slice(0, 297)}...` : text;
}
