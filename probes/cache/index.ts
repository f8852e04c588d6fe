import { z } from "zod";
import { defineProbe, lazy } from "../../src/probe.js";
import { compareCaches } from "./compare.js";
import { cacheTarget } from "./target.js";
import type { CacheOptions, CacheSnapshot } from "./types.js";

/**
 * `kind: cache` — is production's Redis set up like staging's? Version and mode, eviction,
 * memory, persistence, timeouts, keyspace notifications, modules and renamed or disabled
 * commands, read with INFO, CONFIG GET and COMMAND INFO only.
 */
export const cacheProbe = defineProbe<CacheOptions, CacheSnapshot>({
  kind: "cache",
  dimension: "test-reliability",
  covers: ["security"],
  nouns: { one: "cache setting differs", many: "cache settings differ" },
  description: "Compares Redis (and Redis-protocol) servers: version, mode, eviction, memory, persistence, timeouts, notifications, modules, disabled commands",
  target: cacheTarget,
  options: {
    ignore: z
      .array(z.string().min(1))
      .default([])
      .describe("Globs over setting names (e.g. lfu-*) or subjects (command:KEYS, module:search) to leave out"),
  },
  defaultTimeoutMs: 15_000,
  // Loaded when the probe runs: its driver stays out of `map validate` and other probes' audits.
  collect: lazy(async () => (await import("./collect.js")).collectCache),
  compare: (staging, production, ctx) => compareCaches(staging, production, { ignore: ctx.options.ignore ?? [] }),
});
