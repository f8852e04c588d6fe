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
 * Evenly spaced starts: at most one request per 1/rate seconds (the generic cell rate
 * algorithm without burst). Smooth spacing rather than a token bucket, because a bucket's
 * burst is exactly the load spike the cap exists to prevent.
 */
export class Pacer {
  private readonly intervalMs: number;
  private next = 0;

  constructor(readonly ratePerSecond: number) {
    this.intervalMs = 1000 / ratePerSecond;
  }

  /** Waits for the next free start slot; resolves with the milliseconds it waited. */
  async acquire(signal?: AbortSignal): Promise<number> {
    const now = performance.now();
    const slot = Math.max(now, this.next);
    this.next = slot + this.intervalMs;
    const wait = slot - now;
    if (wait > 0) await sleep(wait, signal);
    return wait;
  }
}
