import { z } from "zod";
import { defineProbe, lazy } from "../../src/probe.js";
import { configTarget } from "../config/target.js";
import { compareFlags } from "./compare.js";
import { FLAG_FORMATS, type FlagsOptions, type FlagsSnapshot } from "./types.js";

/**
 * `kind: flags` — are the same features switched on? Reads each environment's feature-flag
 * document from a config source (a file, a command or an endpoint: a flagd flag file, an
 * Unleash or LaunchDarkly export, or a plain map) and compares each flag's state, default
 * variant, variants and a hash of its targeting rules.
 */
export const flagsProbe = defineProbe<FlagsOptions, FlagsSnapshot>({
  kind: "flags",
  dimension: "test-reliability",
  nouns: { one: "feature flag differs", many: "feature flags differ" },
  description: "Compares feature flags (flagd, Unleash, LaunchDarkly or a plain map) read from a config source: on/off, default variant, variants, targeting rules",
  target: configTarget,
  options: {
    format: z.enum(FLAG_FORMATS).optional().describe("The flag document's format; default: detected from the document"),
    productionImpliesStaging: z
      .boolean()
      .default(false)
      .describe("A flag on in production must be on in staging (high if not); on in staging only is expected and only measured"),
    environments: z
      .record(z.string(), z.string().min(1))
      .optional()
      .describe("For an Unleash or LaunchDarkly export holding several environments: the one each parity environment reads (e.g. staging: development)"),
    ignore: z.array(z.string().min(1)).default([]).describe("Globs over flag keys to leave out (e.g. experiment-*)"),
  },
  defaultTimeoutMs: 30_000,
  // Loaded when the probe runs, with the source readers it needs.
  collect: lazy(async () => (await import("./collect.js")).collectFlags),
  compare: (staging, production, ctx) =>
    compareFlags(staging, production, { ignore: ctx.options.ignore ?? [], productionImpliesStaging: ctx.options.productionImpliesStaging ?? false }),
});
