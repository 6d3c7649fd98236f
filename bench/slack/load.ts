import { Agent, request } from 'node:http';

// An open-loop load: requests start on a fixed schedule (every 1000/rps ms)
// whether or not earlier ones have been answered, so a slow app cannot slow
// the load down and hide its own latency. The time measured is Slack's view
// of the ack: from sending the request to the end of the app's HTTP answer.

export type Sample = { kind: string; ms: number; status: number };

export type Shot = { kind: string; contentType: string; body: string };

const agent = new Agent({ keepAlive: true, maxSockets: 256 });

export function post(
  url: URL,
  headers: Record<string, string>,
  body: string,
): Promise<{ status: number; ms: number }> {
  const started = performance.now();
  return new Promise((resolve) => {
    const req = request(
      url,
      { method: 'POST', agent, headers: { ...headers, 'content-length': Buffer.byteLength(body) } },
      (res) => {
        res.resume();
        res.on('end', () => resolve({ status: res.statusCode ?? 0, ms: performance.now() - started }));
      },
    );
    req.on('error', () => resolve({ status: 0, ms: performance.now() - started }));
    req.end(body);
  });
}

export async function steadyLoad(
  rps: number,
  seconds: number,
  next: (i: number) => Promise<Sample>,
): Promise<Sample[]> {
  const interval = 1000 / rps;
  const total = Math.round(rps * seconds);
  const t0 = performance.now();
  const pending: Promise<Sample>[] = [];
  for (let i = 0; i < total; i += 1) {
    const wait = t0 + i * interval - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    pending.push(next(i));
  }
  return Promise.all(pending);
}

export type Stats = { n: number; p50: number; p99: number; max: number; non2xx: number };

export function stats(samples: Sample[]): Stats {
  const ms = samples.map((s) => s.ms).sort((a, b) => a - b);
  const at = (q: number) => ms[Math.min(ms.length - 1, Math.max(0, Math.ceil(q * ms.length) - 1))] ?? 0;
  const round = (x: number) => Math.round(x * 10) / 10;
  return {
    n: ms.length,
    p50: round(at(0.5)),
    p99: round(at(0.99)),
    max: round(ms.at(-1) ?? 0),
    non2xx: samples.filter((s) => s.status < 200 || s.status > 299).length,
  };
}
