import { assess } from "../../src/assess/assess.js";
import type { DifferenceEntry, ParityMap } from "../../src/map/schema.js";
import { defineProbe, type Probe } from "../../src/probe.js";
import type { PairResult } from "../../src/run/run-audit.js";
import type { Audit, FailOn, Observation, ProbeRun } from "../../src/types.js";

export const NOW = new Date("2026-11-26T10:00:00Z");

const probe = (kind: string, dimension: Probe<unknown, unknown>["dimension"], covers?: Probe<unknown, unknown>["covers"]) =>
  defineProbe<unknown, unknown>({ kind, dimension, covers, description: "", options: {}, collect: async () => ({}), compare: () => [] });

/** Stand-ins for the registry's probes: the assessment needs only their kind and dimensions. */
export const PROBES = {
  config: probe("config", "test-reliability"),
  schema: probe("schema", "data-fidelity"),
  status: probe("status", "test-reliability", ["security"]),
  latency: probe("latency", "test-reliability"),
  tests: probe("tests", "test-reliability"),
};

export function entry(partial: Partial<DifferenceEntry> & { id: string }): DifferenceEntry {
  return { summary: `${partial.id} summary`, dimension: "test-reliability", impact: "medium", status: "open", ...partial };
}

export const value = (subject: string, staging: string, production: string, severity: Observation["severity"] = "medium"): Observation => ({
  subject,
  aspect: "value",
  severity,
  message: `${subject} is ${staging} in staging and ${production} in production`,
  staging,
  production,
});

export interface RunSpec {
  run: Partial<ProbeRun> & { id: string };
  probe?: Probe<unknown, unknown>;
  observations?: Observation[];
}

/**
 * The real assessment of synthetic probe results: for rules that are easier to pin with a
 * handful of observations than with a scenario folder (the scenarios cover the engine end to end).
 */
export function auditOf(entries: DifferenceEntry[], runs: RunSpec[] | Record<string, RunSpec[]>, gate: FailOn = "default"): Audit {
  const byPair = Array.isArray(runs) ? { "staging-production": runs } : runs;
  const map = {
    version: 1,
    service: "payments",
    environments: {},
    pairs: Object.keys(byPair).map((name) => ({ name, staging: "staging", production: `production-${name}` })),
    probes: [],
    differences: entries,
  } as unknown as ParityMap;
  const results: PairResult[] = Object.entries(byPair).map(([name, specs]) => ({
    pair: {
      name,
      staging: { name: "staging" },
      production: { name: `production-${name}` },
      tasks: specs.map((r) => ({ entry: { id: r.run.id, kind: (r.probe ?? PROBES.config).kind }, probe: r.probe ?? PROBES.config })),
    },
    results: specs.map((r) => ({ run: { kind: (r.probe ?? PROBES.config).kind, status: "ok", durationMs: 5, ...r.run }, observations: r.observations ?? [] })),
  })) as unknown as PairResult[];
  return assess({ map, loaded: { file: "parity-map.yaml", entryLines: new Map(entries.map((e, i) => [e.id, 20 + i * 8])) }, results, now: NOW, version: "0.1.0", gate });
}
