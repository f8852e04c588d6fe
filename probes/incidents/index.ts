import { z } from "zod";
import { defineProbe, lazy } from "../../src/probe.js";
import { compareIncidents } from "./compare.js";
import type { IncidentsOptions, IncidentsSnapshot } from "./types.js";

/**
 * The team's incident log: environment-caused incidents, which map entries they trace to, and —
 * loudest — those that trace to none. Its observations speak to test reliability (an environment
 * gap let a defect through); an incident traced to an entry is rated on that entry's dimension.
 */
export const incidentsProbe = defineProbe<IncidentsOptions, IncidentsSnapshot>({
  kind: "incidents",
  dimension: "test-reliability",
  nouns: { one: "environment-caused incident traces to no map entry", many: "environment-caused incidents trace to no map entry", self: true },
  description: "Read the incident log: environment-caused incidents and whether the map's differences explain them",
  options: {
    log: z
      .string()
      .min(1)
      .describe("Incident log, YAML or CSV (relative to the map): date, summary, cause (environment | code | data | unknown), difference (a map entry id), optional id"),
    windowDays: z.number().int().positive().default(90).describe("Only incidents from the last N days count"),
  },
  defaultTimeoutMs: 30_000,
  // Loaded when the probe runs: its drivers stay out of `map validate` and other probes' audits.
  collect: lazy(async () => (await import("./log.js")).collectIncidents),
  // One log serves both sides; production's copy is the one read.
  compare: (_staging, production, ctx) => compareIncidents(production, ctx.now, ctx.options.windowDays, ctx.differenceIds),
});
