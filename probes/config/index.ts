import { z } from "zod";
import { defineProbe, lazy } from "../../src/probe.js";
import { DEFAULT_SECRET_PATTERNS } from "../../src/redact.js";
import { keysOption, sequencesOption } from "../documents/options.js";
import { compareConfig } from "./compare.js";
import type { ConfigOptions, ConfigSnapshot } from "./types.js";
import { configTarget } from "./target.js";

/**
 * The config probe: reads each environment's configuration (a .env/JSON/YAML file, a JSON
 * endpoint or a command's output), flattens it to keys (list items by identity, see
 * probes/documents/lists.ts) and reports keys missing on one side and
 * values that differ. Secret values are hashed at collection time and never stored.
 */
export const configProbe = defineProbe<ConfigOptions, ConfigSnapshot>({
  kind: "config",
  dimension: "test-reliability",
  nouns: { one: "configuration value differs", many: "configuration values differ" },
  description: "Compares configuration keys and values (file, JSON endpoint or command); secrets by hash",
  target: configTarget,
  options: {
    ignore: z
      .array(z.string().min(1))
      .default([])
      .describe("Globs over keys to leave out (case-sensitive; `*` matches anything, e.g. BUILD_*)"),
    secrets: z
      .array(z.string().min(1))
      .default([...DEFAULT_SECRET_PATTERNS])
      .describe("Globs over keys whose values are secret, compared by hash only (case-insensitive); replaces the default list"),
    keys: keysOption,
    sequences: sequencesOption,
  },
  defaultTimeoutMs: 30_000,
  // Loaded when the probe runs: its drivers stay out of `map validate` and other probes' audits.
  collect: lazy(async () => (await import("./collect.js")).collectConfig),
  compare(staging, production, ctx) {
    return compareConfig(staging, production, {
      ignore: ctx.options.ignore ?? [],
      secrets: ctx.options.secrets ?? DEFAULT_SECRET_PATTERNS,
    });
  },
});
