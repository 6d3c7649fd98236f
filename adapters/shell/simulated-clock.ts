/** The terminal's clock: real time, plus however far `clock` has moved it forward. */
export class SimulatedClock {
  #offsetMs = 0;
  #realNow: () => number;

  constructor(realNow: () => number = Date.now, start?: Date) {
    this.#realNow = realNow;
    if (start) this.#offsetMs = start.getTime() - realNow();
  }

  now(): Date {
    return new Date(this.#realNow() + this.#offsetMs);
  }

  /** Moves forward only: the past has already happened (and been sent). */
  advanceTo(target: Date): { ok: true } | { ok: false; reason: string } {
    const delta = target.getTime() - this.now().getTime();
    if (!Number.isFinite(delta)) return { ok: false, reason: 'that is not a time I understand' };
    if (delta < 0) return { ok: false, reason: 'the clock only moves forward' };
    this.#offsetMs += delta;
    return { ok: true };
  }
}
