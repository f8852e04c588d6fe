import path from "node:path";
import { flagsProbe } from "../../probes/flags/index.js";
import type { FlagsOptions, FlagsSnapshot } from "../../probes/flags/types.js";
import type { ConfigTarget } from "../../probes/config/target.js";
import type { CollectContext } from "../../src/probe.js";
import type { Observation } from "../../src/types.js";

export const FIXTURES = path.resolve(import.meta.dirname, "../fixtures/flags");

const defaults: FlagsOptions = { productionImpliesStaging: false, ignore: [] };

export function collect(source: Partial<ConfigTarget>, options: Partial<FlagsOptions> = {}, envName = "staging"): Promise<FlagsSnapshot> {
  const ctx: CollectContext<FlagsOptions> = {
    probeId: "flags",
    options: { ...defaults, ...options },
    signal: AbortSignal.timeout(30_000),
    timeoutMs: 20_000,
    side: envName === "production" ? "production" : "staging",
    mapDir: FIXTURES,
    shared: () => {
      throw new Error("the flags probe shares nothing");
    },
  };
  return flagsProbe.collect({ name: envName, config: { timeoutMs: 10_000, ...source } }, ctx);
}

export function compare(staging: FlagsSnapshot, production: FlagsSnapshot, options: Partial<FlagsOptions> = {}): Observation[] {
  return flagsProbe.compare(staging, production, {
    probeId: "flags",
    options: { ...defaults, ...options },
    staging: { name: "staging" },
    production: { name: "production" },
    differenceIds: [],
    now: new Date("2026-12-01T00:00:00Z"),
  });
}

export function summary(observations: Observation[]): Record<string, string> {
  return Object.fromEntries(observations.map((o) => [`${o.subject} ${o.aspect}`, `${o.severity}${o.kind === "measurement" || o.kind === "inconclusive" ? " (measurement)" : ""}`]));
}

export function message(observations: Observation[], subject: string, aspect: string): string {
  const hit = observations.find((o) => o.subject === subject && o.aspect === aspect);
  if (!hit) throw new Error(`no ${subject} ${aspect} among ${observations.map((o) => `${o.subject} ${o.aspect}`).join(", ")}`);
  return hit.message;
}
