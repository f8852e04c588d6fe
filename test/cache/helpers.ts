import { cacheProbe } from "../../probes/cache/index.js";
import type { CacheOptions, CacheSnapshot } from "../../probes/cache/types.js";
import type { CollectContext } from "../../src/probe.js";
import type { Observation } from "../../src/types.js";

export function collectContext(side: "staging" | "production", timeoutMs = 10_000): CollectContext<CacheOptions> {
  return {
    probeId: "cache",
    options: { ignore: [] },
    signal: AbortSignal.timeout(timeoutMs + 5_000),
    timeoutMs,
    side,
    mapDir: process.cwd(),
    shared: () => {
      throw new Error("the cache probe shares nothing");
    },
  };
}

export function collect(url: string, side: "staging" | "production" = "staging", timeoutMs?: number): Promise<CacheSnapshot> {
  return cacheProbe.collect({ name: side, cache: { url } }, collectContext(side, timeoutMs));
}

export function compare(staging: CacheSnapshot, production: CacheSnapshot, ignore: string[] = []): Observation[] {
  return cacheProbe.compare(staging, production, {
    probeId: "cache",
    options: { ignore },
    staging: { name: "staging" },
    production: { name: "production" },
    differenceIds: [],
    now: new Date("2026-12-01T00:00:00Z"),
  });
}

/** subject → severity, for assertions that read like the report. */
export function bySubject(observations: Observation[]): Record<string, string> {
  return Object.fromEntries(observations.map((o) => [`${o.subject} ${o.aspect}`, o.severity]));
}
