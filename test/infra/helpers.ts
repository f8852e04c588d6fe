import { fileURLToPath } from "node:url";
import { z } from "zod";
import { infraProbe } from "../../probes/infra/index.js";
import type { InfraOptions, InfraSnapshot } from "../../probes/infra/types.js";
import type { ConfigSource } from "../../probes/config/types.js";
import type { Environment } from "../../src/map/schema.js";
import type { Observation } from "../../src/types.js";

export const FIXTURES = fileURLToPath(new URL("../fixtures/infra/", import.meta.url));

/** The probe's options as the map schema outputs them (zod defaults applied). */
export function options(overrides: Partial<InfraOptions> & { preset: InfraOptions["preset"] }): InfraOptions {
  return z.strictObject(infraProbe.options).parse(overrides) as InfraOptions;
}

export function env(name: string, config: Partial<ConfigSource>): Environment {
  return { name, config: { timeoutMs: 10_000, ...config } };
}

/** Collects one side through the probe, as the runner would. */
export function collect(name: string, config: Partial<ConfigSource>, opts: InfraOptions, mapDir = FIXTURES): Promise<InfraSnapshot> {
  return infraProbe.collect(env(name, config), {
    probeId: "infra",
    options: opts,
    signal: new AbortController().signal,
    timeoutMs: 60_000,
    side: name === "staging" ? "staging" : "production",
    mapDir,
    shared: (_key, create) => create(),
  });
}

export function compare(staging: InfraSnapshot, production: InfraSnapshot, opts: InfraOptions, names = { staging: "staging", production: "production" }): Observation[] {
  return infraProbe.compare(staging, production, {
    probeId: "infra",
    options: opts,
    staging: env(names.staging, {}),
    production: env(names.production, {}),
    differenceIds: [],
    now: new Date("2026-12-01T10:00:00Z"),
  });
}

/** subject · aspect · severity, the shape most assertions read. */
export function rows(observations: Observation[]): string[] {
  return observations.map((o) => `${o.severity} ${o.subject} ${o.aspect}`);
}
