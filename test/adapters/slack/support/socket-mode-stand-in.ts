import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';

// Slack's Socket Mode end, on loopback: the stand-in Web API answers
// apps.connections.open with this server's ws:// URL; the server greets the
// adapter with "hello", pushes envelopes to it and records its acks.
// (`ws` is the WebSocket library @slack/socket-mode itself uses.)

type WsSocket = {
  send(data: string): void;
  on(event: 'message', fn: (data: unknown) => void): void;
  close(): void;
};
type WsServer = {
  on(event: 'connection', fn: (socket: WsSocket) => void): void;
  address(): AddressInfo;
  close(cb: () => void): void;
  clients: Set<WsSocket>;
};
type WsModule = { Server: new (options: { port: number; host: string }, ready: () => void) => WsServer };

const { Server } = createRequire(import.meta.url)('ws') as WsModule;

export type Ack = { envelope_id: string; payload?: Record<string, unknown> };

export class SocketModeStandIn {
  readonly acks: Ack[] = [];
  readonly #server: WsServer;
  #socket: WsSocket | undefined;

  private constructor(server: WsServer) {
    this.#server = server;
    server.on('connection', (socket) => {
      this.#socket = socket;
      socket.on('message', (data) => this.acks.push(JSON.parse(String(data)) as Ack));
      socket.send(JSON.stringify({ type: 'hello', num_connections: 1, connection_info: { app_id: 'A111' } }));
    });
  }

  static start(): Promise<SocketModeStandIn> {
    return new Promise((resolve) => {
      const server = new Server({ port: 0, host: '127.0.0.1' }, () => resolve(new SocketModeStandIn(server)));
    });
  }

  get url(): string {
    return `ws://127.0.0.1:${this.#server.address().port}/link`;
  }

  /** Pushes an envelope (events_api, slash_commands, interactive) and returns its id. */
  push(type: 'events_api' | 'slash_commands' | 'interactive', payload: unknown, retryAttempt = 0): string {
    if (!this.#socket) throw new Error('the adapter is not connected');
    const envelopeId = randomUUID();
    this.#socket.send(
      JSON.stringify({
        envelope_id: envelopeId,
        payload,
        type,
        accepts_response_payload: type !== 'events_api',
        ...(type === 'events_api'
          ? { retry_attempt: retryAttempt, retry_reason: retryAttempt ? 'timeout' : '' }
          : {}),
      }),
    );
    return envelopeId;
  }

  acked(envelopeId: string): boolean {
    return this.acks.some((a) => a.envelope_id === envelopeId);
  }

  close(): Promise<void> {
    for (const client of this.#server.clients) client.close();
    return new Promise((resolve) => this.#server.close(() => resolve()));
  }
}
