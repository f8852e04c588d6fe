import type { JsonValue } from "../types.js";

/** What the latency probe puts in a finding's `staging`/`production` (see the latency probe). */
export interface LatencyStats {
  samples: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  maxMs: number;
  errorRate: number;
  timeouts: number;
  statusCounts: Record<string, number>;
  /** Buckets as [upper bound in ms, count], ascending. */
  histogram: Array<[number, number]>;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Reporters get JSON back from saved audits, so the shape is checked rather than trusted. */
export function isLatencyStats(value: JsonValue | undefined): value is JsonValue & LatencyStats {
  if (!isObject(value)) return false;
  const numbers = ["samples", "p50Ms", "p95Ms", "p99Ms"].every((k) => typeof value[k] === "number");
  const histogram =
    Array.isArray(value.histogram) &&
    value.histogram.every((b) => Array.isArray(b) && b.length === 2 && typeof b[0] === "number" && typeof b[1] === "number");
  return numbers && histogram;
}

function ms(n: number): string {
  return n >= 100 ? n.toFixed(0) : n >= 10 ? n.toFixed(1) : n.toFixed(2);
}

export function formatLatencyStats(s: LatencyStats): string {
  const errors = s.errorRate > 0 ? `, ${(s.errorRate * 100).toFixed(1)}% errors` : "";
  return `p50 ${ms(s.p50Ms)} · p95 ${ms(s.p95Ms)} · p99 ${ms(s.p99Ms)} ms (n=${s.samples}${errors})`;
}

export { ms as formatMs };
