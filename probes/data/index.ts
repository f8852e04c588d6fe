import { defineProbe, lazy } from "../../src/probe.js";
import { compareProfiles } from "./compare.js";
import { dataOptions } from "./options.js";
import type { DataOptions, DataProfile } from "./types.js";
import { databaseTarget } from "../database/target.js";

/** `kind: data` — does staging's data represent production's, in volume, distribution and edge cases? */
export const dataProbe = defineProbe<DataOptions, DataProfile>({
  kind: "data",
  dimension: "data-fidelity",
  nouns: { one: "data difference was found", many: "data differences were found" },
  description: "Profiles tables inside each database (one aggregate scan per table, sampled when large) and compares volume, NULLs, categories, freshness and distributions with noise-aware statistics",
  target: databaseTarget,
  options: dataOptions,
  defaultTimeoutMs: 120_000,
  // Loaded when the probe runs: its drivers stay out of `map validate` and other probes' audits.
  collect: lazy(async () => (await import("./collect.js")).collectProfile),
  compare: compareProfiles,
});
