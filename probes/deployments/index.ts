import { z } from "zod";
import { defineProbe, lazy } from "../../src/probe.js";
import { compareDeployments } from "./compare.js";
import type { DeploymentsOptions, DeploymentsSnapshot } from "./types.js";

/**
 * Deployment friction from the team's deploy history: steps production runs that staging never
 * exercises, deploy duration, failure rate and frequency. No target: it reads one file.
 */
export const deploymentsProbe = defineProbe<DeploymentsOptions, DeploymentsSnapshot>({
  kind: "deployments",
  dimension: "deployment-friction",
  nouns: { one: "deployment difference was found", many: "deployment differences were found" },
  description: "Compare deploy history: steps production runs that staging never exercises, duration, failure rate, frequency",
  options: {
    history: z
      .string()
      .min(1)
      .describe("Deploy history, CSV or NDJSON (relative to the map): environment, started_at, finished_at, result (success | failure | rolled_back), steps (';'-separated or a list)"),
    windowDays: z.number().int().positive().default(90).describe("Only deploys started in the last N days count"),
    pipelines: z
      .record(z.string(), z.array(z.string().min(1)))
      .optional()
      .describe("Deploy steps per environment name, for histories that record no steps (added to any recorded steps)"),
  },
  defaultTimeoutMs: 30_000,
  // Loaded when the probe runs: its drivers stay out of `map validate` and other probes' audits.
  collect: lazy(async () => (await import("./history.js")).collectDeployments),
  compare: (staging, production, ctx) => compareDeployments(staging, production, ctx.now, ctx.options.windowDays),
});
