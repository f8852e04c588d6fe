import { z } from "zod";
import { dataOptions } from "../../probes/data/options.js";
import type { CollectContext, CompareContext } from "../../src/probe.js";
import type { Environment } from "../../src/map/schema.js";
import type { DataOptions } from "../../probes/data/types.js";
import type { Observation } from "../../src/types.js";

/**
 * These tests connect as each server's superuser, which the probe reports in every comparison
 * (a security measurement, tested in test/safety/superuser.test.ts); the data findings are the rest.
 */
export const aboutTheData = (o: Observation): boolean => o.aspect !== "superuser";

/** Options exactly as the map loader would hand them over: parsed, defaults filled. */
export function options(raw: Record<string, unknown>): DataOptions {
  return z.strictObject(dataOptions).parse(raw) as DataOptions;
}

export function env(name: string, url: string): Environment {
  return { name, database: { url } };
}

export function collectContext(opts: DataOptions, side: "staging" | "production", timeoutMs = 30_000): CollectContext<DataOptions> {
  return {
    probeId: "data", options: opts, signal: AbortSignal.timeout(timeoutMs + 5_000), timeoutMs, side, mapDir: process.cwd(),
    shared: <T>(_key: string, create: () => T) => create(),
  };
}

export function compareContext(opts: DataOptions): CompareContext<DataOptions> {
  return { probeId: "data", options: opts, staging: { name: "staging" }, production: { name: "production" }, differenceIds: [], now: new Date("2026-11-26T00:00:00Z") };
}
