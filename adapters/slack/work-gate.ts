// Work that follows an acknowledgement (the core handling a slash command or
// a button, then the replies) runs in the same event loop that has to read
// and acknowledge the next requests. Left unbounded, a burst (everyone
// pressing a prompt's button at 8:00) interleaves dozens of handlers, and a
// new request waits behind all of their turns before Bolt can acknowledge
// it. The gate lets a few run at once and queues the rest, first come
// first served: acknowledgements stay prompt, and the queued replies follow
// a moment later. DM events do not go through it: their acknowledgement
// waits for their commit, so they must not wait in a queue as well.

/** Runs at most `limit` tasks at once; the others wait their turn in order. */
export class WorkGate {
  readonly #limit: number;
  #running = 0;
  readonly #waiting: Array<() => void> = [];

  constructor(limit: number) {
    this.#limit = limit;
  }

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.#running < this.#limit) this.#running += 1;
    else await new Promise<void>((resolve) => this.#waiting.push(resolve));
    try {
      return await task();
    } finally {
      // The slot passes straight to the next task waiting, if any.
      const next = this.#waiting.shift();
      if (next) next();
      else this.#running -= 1;
    }
  }

  /** Tasks running and waiting (for tests and logs). */
  get load(): { running: number; waiting: number } {
    return { running: this.#running, waiting: this.#waiting.length };
  }
}
