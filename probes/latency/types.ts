import type { FailureKind } from "../http/failure.js";
import type { EffectiveCaps } from "../http/caps.js";

/** One side's raw latency evidence; arrays are in send order (index = sample number). */
export interface LatencySnapshot {
  /** `GET /v1/score`: the request as observations name it. */
  request: string;
  /** The effective pacing after the environment's caps. */
  ratePerSecond: number;
  concurrency: number;
  /** The environment's caps this probe ran under (absent in snapshots written before they were recorded). */
  caps?: EffectiveCaps;
  requestTimeoutMs: number;
  /**
   * Microseconds from each request's intended send time to the end of its response, waits
   * for a free connection included (no coordinated omission), parity's own timer lateness and
   * rate-cap waits excluded; a timed-out request counts at the time it was given up; null for
   * a request that failed otherwise (refused, reset …).
   */
  latencyUs: Array<number | null>;
  /** Microseconds from the actual send to the end of the response (service time); null on failure. */
  serviceUs: Array<number | null>;
  /** The status code, or the failure kind (`timeout`, `reset` …). */
  outcomes: Array<number | FailureKind>;
  /**
   * Microseconds each request's timer fired after its due time: parity's own lateness,
   * measured at exactly the sampled requests (a starved client shows here first).
   */
  lateUs: number[];
  /** Failure reasons and how often each happened. */
  failures: Record<string, number>;
  /** parity's own event-loop delay while sampling: a stalled client inflates every figure. */
  eventLoopDelay: { p50Ms: number; p95Ms: number; p99Ms: number; maxMs: number };
  durationMs: number;
}

/** What every latency observation carries for each side (the HTML report charts `histogram`). */
export interface LatencyFigures {
  [key: string]: number | Record<string, number> | Array<[number, number]>;
  samples: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  maxMs: number;
  meanMs: number;
  serviceP50Ms: number;
  errorRate: number;
  errors: number;
  timeouts: number;
  statusCounts: Record<string, number>;
  ratePerSecond: number;
  eventLoopDelayP99Ms: number;
  /** Log-spaced buckets `[upper bound in ms, count]`, the same bounds on both sides. */
  histogram: Array<[number, number]>;
}
