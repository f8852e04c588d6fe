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
 * At most `ratePerSecond` request starts in any one-second window (a sliding log of the
 * last starts). A sliding window rather than even spacing: with even spacing a request that
 * went out a little late pushes every later one back, so a probe sampling at the cap drifts
 * behind its schedule for good; the window lets it catch up without ever exceeding the cap.
 * Bursts inside the window are bounded by the environment's concurrency cap.
 */
export class Pacer {
  private readonly limit: number;
  private readonly windowMs: number;
  private readonly starts: number[] = [];
  private chain: Promise<void> = Promise.resolve();

  constructor(readonly ratePerSecond: number) {
    // Fractional rates: 0.5/s is one start per two seconds; 2.5/s is two per 800 ms.
    this.limit = Math.max(1, Math.floor(ratePerSecond));
    this.windowMs = (1000 * this.limit) / ratePerSecond;
  }

  private waiting = 0;

  /** Waits for a free start slot (first come, first served); resolves with the milliseconds it waited. */
  acquire(signal?: AbortSignal): Promise<number> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    // Fast path: nobody queued and room in the window.
    if (this.waiting === 0) {
      const now = performance.now();
      while (this.starts.length && this.starts[0] <= now - this.windowMs) this.starts.shift();
      if (this.starts.length < this.limit) {
        this.starts.push(now);
        return Promise.resolve(0);
      }
    }
    return this.queue(signal);
  }

  private async queue(signal?: AbortSignal): Promise<number> {
    const begin = performance.now();
    this.waiting++;
    const before = this.chain;
    let done = (): void => undefined;
    this.chain = new Promise<void>((resolve) => (done = resolve));
    try {
      // Bounded: each caller ahead of us waits at most one window, or leaves at once when aborted.
      await before;
      for (;;) {
        if (signal?.aborted) throw signal.reason;
        const now = performance.now();
        while (this.starts.length && this.starts[0] <= now - this.windowMs) this.starts.shift();
        if (this.starts.length < this.limit) {
          this.starts.push(now);
          return now - begin;
        }
        await sleep(this.starts[0] + this.windowMs - now, signal);
      }
    } finally {
      this.waiting--;
      done();
    }
  }
}
