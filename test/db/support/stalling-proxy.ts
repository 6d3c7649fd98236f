import { createServer, type Socket, connect as tcpConnect } from 'node:net';

// A TCP relay in front of the real PostgreSQL server that can stop relaying,
// as a frozen server, a stalled disk or a silent network partition do: the
// connections stay open, bytes sent are accepted, and nothing comes back.
// Stalling only the connections open now leaves new ones working, so a test
// can tell a reused stuck connection from a fresh one.

export type StallingProxy = {
  /** The server's URL, reached through the relay. */
  url: string;
  /** Stops relaying on the connections open now; with `newConnections`, on later ones too. */
  stall(opts?: { newConnections?: boolean }): void;
  /** Relays again, delivering what was held back. */
  resume(): void;
  /** Connections the bot side has open through the relay. */
  openConnections(): number;
  close(): Promise<void>;
};

type Pair = { client: Socket; server: Socket; stalled: boolean; held: [Socket, Buffer][] };

export async function startStallingProxy(serverUrl: string): Promise<StallingProxy> {
  const target = new URL(serverUrl);
  const pairs = new Set<Pair>();
  let stallNew = false;

  const relay = (pair: Pair, from: Socket, to: Socket) =>
    from.on('data', (chunk) => (pair.stalled ? pair.held.push([to, chunk]) : to.write(chunk)));

  const proxy = createServer((client) => {
    const server = tcpConnect(Number(target.port || 5432), target.hostname);
    const pair: Pair = { client, server, stalled: stallNew, held: [] };
    pairs.add(pair);
    relay(pair, client, server);
    relay(pair, server, client);
    const end = () => {
      pairs.delete(pair);
      client.destroy();
      server.destroy();
    };
    for (const socket of [client, server]) {
      socket.on('close', end);
      socket.on('error', end);
    }
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  const port = (proxy.address() as { port: number }).port;
  const url = new URL(serverUrl);
  url.hostname = '127.0.0.1';
  url.port = String(port);

  return {
    url: url.href,
    stall(opts = {}) {
      for (const pair of pairs) pair.stalled = true;
      stallNew = opts.newConnections ?? false;
    },
    resume() {
      stallNew = false;
      for (const pair of pairs) {
        pair.stalled = false;
        for (const [to, chunk] of pair.held.splice(0)) to.write(chunk);
      }
    },
    openConnections: () => pairs.size,
    async close() {
      for (const pair of pairs) {
        pair.client.destroy();
        pair.server.destroy();
      }
      await new Promise((resolve) => proxy.close(resolve));
    },
  };
}
