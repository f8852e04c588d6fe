import type { Probe } from "../src/probe.js";
import type { TargetKind } from "../src/target.js";
import { configProbe } from "./config/index.js";
import { infraProbe } from "./infra/index.js";
import { schemaProbe } from "./schema/index.js";
import { dataProbe } from "./data/index.js";
import { latencyProbe } from "./latency/index.js";
import { statusProbe } from "./status/index.js";
import { testsProbe } from "./tests/index.js";
import { deploymentsProbe } from "./deployments/index.js";
import { incidentsProbe } from "./incidents/index.js";
import { cacheProbe } from "./cache/index.js";
import { migrationsProbe } from "./migrations/index.js";
import { flagsProbe } from "./flags/index.js";

/**
 * The probe registry. The order is the run order and the report order.
 * Adding a probe kind = one folder in probes/ + one line here.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each probe checks its own option and snapshot types
export const probes: ReadonlyArray<Probe<any, any>> = [
  configProbe,
  flagsProbe,
  infraProbe,
  schemaProbe,
  migrationsProbe,
  dataProbe,
  cacheProbe,
  latencyProbe,
  statusProbe,
  testsProbe,
  deploymentsProbe,
  incidentsProbe,
];

export function probeKind(kind: string): Probe<unknown, unknown> | undefined {
  return probes.find((p) => p.kind === kind) as Probe<unknown, unknown> | undefined;
}

/**
 * The kinds of target the registered probes read, in registry order: what an environment in
 * the map may hold. A probe that reads a new kind of target brings it along.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each kind checks its own section type
export const targetKinds: ReadonlyArray<TargetKind<any>> = [...new Set(probes.flatMap((p) => (p.target ? [p.target] : [])))];

/** The kind whose sections are `section`/`named`, if a probe reads it. */
export function targetKind(section: string): TargetKind | undefined {
  return targetKinds.find((k) => k.section === section || k.named === section);
}
