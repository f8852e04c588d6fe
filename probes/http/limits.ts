/**
 * The environment-wide safety caps: a concurrency gate and a request pacer shared by every
 * HTTP probe against one environment, so no map can turn an audit into a load test.
 * Hand-written because both must honour an AbortSignal and report how long they made a
 * caller wait (the latency probe subtracts its own pacing from what it measures); p-limit and
 * friends do neither.
 */

/** Resolves after `ms`, or rejects with the signal's reason when it aborts first. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  if (signal?.aborted) return Promise.reject(signal.reason);
  if (ms <= 0) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

/** At most `limit` holders at once; waiters are served first come, first served. */
export class Semaphore {
  private active = 0;
  private readonly waiters: Array<{ grant: () => void }> = [];

  constructor(readonly limit: number) {}

  get inUse(): number {
    return this.active;
  }

  async acquire(signal?: AbortSignal): Promise<() => void> {
    if (signal?.aborted) throw signal.reason;
    if (this.active < this.limit) {
      this.active++;
      return this.releaser();
    }
    await new Promise<void>((resolve, reject) => {
      const waiter = {
        grant: () => {
          signal?.removeEventListener("abort", onAbort);
          resolve();
        },
      };
      const onAbort = (): void => {
        const i = this.waiters.indexOf(waiter);
        if (i >= 0) this.waiters.splice(i, 1);
        reject(signal?.reason);
      };
      this.waiters.push(waiter);
      signal?.addEventListener("abort", onAbort, { once: true });
    });
    // The releasing holder handed its slot over without decrementing `active`.
    return this.releaser();
  }

  private releaser(): () => void {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.waiters.shift();
      if (next) next.grant();
      else this.active--;
    };
  }
}

/**
 * At most `ratePerSecond` requests arriving at the target in any one-second window.
 * A request holds its slot from the moment it is let go until one window after it
 * completed: the target certainly saw it between those two instants, so however late it
 * arrived (a new connection, a busy machine) no window on the target's side can hold more.
 * A sliding window rather than even spacing, so that a probe that fell behind its schedule
 * may catch up; bursts inside the window are bounded by the concurrency cap.
 */
export class Pacer {
  private readonly limit: number;
  private readonly windowMs: number;
  /** When each slot's request completed; Infinity while it is in flight. */
  private readonly slots: Array<{ t: number }> = [];
  private chain: Promise<void> = Promise.resolve();
  private waiting = 0;

  constructor(readonly ratePerSecond: number) {
    // Fractional rates: 0.5/s is one request per two seconds; 2.5/s is two per 800 ms.
    this.limit = Math.max(1, Math.floor(ratePerSecond));
    this.windowMs = (1000 * this.limit) / ratePerSecond;
  }

  /**
   * Waits for a free slot (first come, first served). Resolves with the milliseconds waited
   * and `done`, to be called when the request completed (or failed).
   */
  acquire(signal?: AbortSignal): Promise<{ waitedMs: number; done: () => void }> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    if (this.waiting === 0) {
      const slot = this.take(performance.now());
      if (slot) return Promise.resolve({ waitedMs: 0, done: slot });
    }
    return this.queue(signal);
  }

  private take(now: number): (() => void) | null {
    // Slots are objects, not indices: expired ones are removed while others are in flight.
    for (let i = this.slots.length - 1; i >= 0; i--) if (this.slots[i].t <= now - this.windowMs) this.slots.splice(i, 1);
    if (this.slots.length >= this.limit) return null;
    const slot = { t: Infinity };
    this.slots.push(slot);
    return () => {
      if (slot.t === Infinity) slot.t = performance.now();
    };
  }

  private async queue(signal?: AbortSignal): Promise<{ waitedMs: number; done: () => void }> {
    const begin = performance.now();
    this.waiting++;
    const before = this.chain;
    let release = (): void => undefined;
    this.chain = new Promise<void>((resolve) => (release = resolve));
    try {
      // Each caller ahead of us leaves once it has a slot (in-flight requests end by their
      // timeouts), or at once when aborted.
      await before;
      for (;;) {
        if (signal?.aborted) throw signal.reason;
        const now = performance.now();
        const slot = this.take(now);
        if (slot) return { waitedMs: now - begin, done: slot };
        // The earliest completed slot frees one window after completion; while all are in
        // flight, look again shortly.
        const earliest = Math.min(...this.slots.map((e) => e.t));
        await sleep(Number.isFinite(earliest) ? Math.max(1, earliest + this.windowMs - now) : 10, signal);
      }
    } finally {
      this.waiting--;
      release();
    }
  }
}
