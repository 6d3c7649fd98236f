import { AsyncLocalStorage } from 'node:async_hooks';

// botbuilder writes to the console while it checks a token: the whole error
// of an expired or badly signed one (botframework-connector's
// jwtTokenExtractor calls console.error), a line per refused request that
// anyone on the internet can send. The adapter logs each refusal itself, as
// one JSON line (refusals.ts), so the console is silenced for the duration
// of the check, and only there: everything else in the process still
// writes to it.

const silenced = new AsyncLocalStorage<true>();
const METHODS = ['error', 'warn', 'log', 'info', 'debug', 'trace'] as const;
let installed = false;

function install(): void {
  if (installed) return;
  installed = true;
  for (const method of METHODS) {
    const original = console[method];
    console[method] = function (this: Console, ...args: unknown[]) {
      if (silenced.getStore()) return;
      return original.apply(this, args as []);
    } as Console[typeof method];
  }
}

/** Runs `work` with console output dropped for every call made on its behalf (its async continuations too). */
export function withoutConsole<T>(work: () => Promise<T>): Promise<T> {
  install();
  return silenced.run(true, work);
}
