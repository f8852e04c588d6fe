import { defineProbe, lazy } from "../../src/probe.js";
import { compareLatency } from "./compare.js";
import { latencyOptions } from "./options.js";
import type { LatencyOptions } from "./options.js";
import type { LatencySnapshot } from "./types.js";
import { httpTarget } from "../http/target.js";

/**
 * `kind: latency` — times one request on both sides in the same time window (open-model
 * pacing, microsecond resolution) and reports percentile and error-rate gaps only when they
 * exceed the thresholds and the measured noise.
 */
export const latencyProbe = defineProbe<LatencyOptions, LatencySnapshot>({
  kind: "latency",
  dimension: "test-reliability",
  nouns: { one: "latency or error-rate gap was measured", many: "latency or error-rate gaps were measured" },
  description: "Latency percentiles and error rates of one request, staging vs production, with honest statistics",
  target: httpTarget,
  timing: true,
  options: latencyOptions,
  // Sampling takes (warmup + samples) / rate seconds plus one request timeout; the probe checks this fits.
  defaultTimeoutMs: 120_000,
  // Loaded when the probe runs: its drivers stay out of `map validate` and other probes' audits.
  collect: lazy(async () => (await import("./collect.js")).collectLatency),
  compare: compareLatency,
});
