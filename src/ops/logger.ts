import pino, { type Logger } from 'pino';

export type { Logger };

/**
 * Structured JSON logs. Tokens, secrets and message bodies never appear at
 * info level: the redaction list covers the fields where they could travel.
 */
export function createLogger(level: string, destination?: NodeJS.WritableStream): Logger {
  return pino(
    {
      level,
      base: { service: 'pdsa-bot' },
      redact: {
        paths: [
          'token',
          '*.token',
          'botToken',
          '*.botToken',
          'appToken',
          'signingSecret',
          'clientSecret',
          'appPassword',
          'password',
          '*.password',
          'authorization',
          '*.authorization',
          'headers.authorization',
          'text',
          '*.text',
          'message',
          'payload',
          '*.payload',
        ],
        censor: '[redacted]',
      },
    },
    destination as pino.DestinationStream | undefined,
  );
}
