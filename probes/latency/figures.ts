import { bucketCounts, logBounds, percentilesMs } from "./stats.js";
import type { LatencyFigures, LatencySnapshot } from "./types.js";

/** Transport failures, timeouts and 5xx answers: what a caller experiences as an error. */
export function isError(outcome: number | string): boolean {
  return typeof outcome === "string" || outcome >= 500;
}

/** Timed values in milliseconds, in send order (failures other than timeouts left out). */
export function latenciesMs(snapshot: LatencySnapshot): number[] {
  return snapshot.latencyUs.filter((v): v is number => v !== null).map((v) => v / 1000);
}

/** Shared histogram bounds for both sides, so the two distributions can be drawn together. */
export function sharedBounds(a: readonly number[], b: readonly number[]): number[] {
  const all = [...a, ...b];
  if (all.length === 0) return logBounds(1, 10);
  return logBounds(Math.min(...all), Math.max(...all));
}

export function figuresOf(snapshot: LatencySnapshot, bounds: readonly number[]): LatencyFigures {
  const timed = latenciesMs(snapshot);
  const p = percentilesMs(snapshot.latencyUs.filter((v): v is number => v !== null));
  const service = percentilesMs(snapshot.serviceUs.filter((v): v is number => v !== null));
  const statusCounts: Record<string, number> = {};
  for (const o of snapshot.outcomes) statusCounts[String(o)] = (statusCounts[String(o)] ?? 0) + 1;
  const errors = snapshot.outcomes.filter(isError).length;
  const samples = snapshot.outcomes.length;
  return {
    samples,
    p50Ms: p.p50,
    p95Ms: p.p95,
    p99Ms: p.p99,
    maxMs: p.max,
    meanMs: Math.round(p.mean * 1000) / 1000,
    serviceP50Ms: service.p50,
    errorRate: samples ? Math.round((errors / samples) * 10_000) / 10_000 : 0,
    errors,
    timeouts: snapshot.outcomes.filter((o) => o === "timeout").length,
    statusCounts,
    ratePerSecond: snapshot.ratePerSecond,
    eventLoopDelayP99Ms: snapshot.eventLoopDelay.p99Ms,
    histogram: bucketCounts(timed, bounds),
  };
}
