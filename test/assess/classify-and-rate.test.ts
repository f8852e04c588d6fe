import { describe, expect, it } from "vitest";
import { assess } from "../../src/assess/assess.js";
import { exitCode, gateFindings } from "../../src/gate.js";
import type { DifferenceEntry, ParityMap } from "../../src/map/schema.js";
import { defineProbe } from "../../src/probe.js";
import type { PairResult } from "../../src/run/run-audit.js";
import type { Observation, ProbeRun } from "../../src/types.js";

const now = new Date("2026-11-26T10:00:00Z");
const configLike = defineProbe<unknown, unknown>({ kind: "config", dimension: "test-reliability", description: "", options: {}, collect: async () => ({}), compare: () => [] });
const schemaLike = defineProbe<unknown, unknown>({ kind: "schema", dimension: "data-fidelity", description: "", options: {}, collect: async () => ({}), compare: () => [] });

const value = (subject: string, staging: string, production: string, severity: Observation["severity"] = "medium"): Observation => ({
  subject, aspect: "value", severity, message: `${subject} is ${staging} in staging and ${production} in production`, staging, production,
});

function entry(partial: Partial<DifferenceEntry> & { id: string }): DifferenceEntry {
  return { summary: `${partial.id} summary`, dimension: "test-reliability", impact: "medium", status: "open", ...partial };
}

function audit(entries: DifferenceEntry[], runs: Array<{ run: Partial<ProbeRun> & { id: string }; probe?: typeof configLike; observations?: Observation[] }>) {
  const map = { version: 1, service: "payments", environments: {}, pairs: [{ staging: "staging", production: "production" }], probes: [], differences: entries } as unknown as ParityMap;
  const results: PairResult[] = [{
    pair: {
      name: "staging→production",
      staging: { name: "staging" },
      production: { name: "production" },
      tasks: runs.map((r) => ({ entry: { id: r.run.id, kind: r.probe?.kind ?? "config" }, probe: r.probe ?? configLike })),
    },
    results: runs.map((r) => ({ run: { kind: r.probe?.kind ?? "config", status: "ok", durationMs: 5, ...r.run }, observations: r.observations ?? [] })),
  }];
  return assess({ map, loaded: { file: "parity-map.yaml", entryLines: new Map([["sandbox", 31]]) }, results, now, version: "0.1.0" });
}

describe("classification against the map", () => {
  const entries = [
    entry({ id: "sandbox", summary: "Staging calls the credit bureau sandbox", impact: "high", status: "mitigated", mitigation: "a throttling proxy", match: { probe: "app-config", subject: "CREDIT_BUREAU_*" } }),
    entry({ id: "legacy-ledger", match: { probe: "app-config", subject: "LEGACY_LEDGER_URL", aspect: "value" } }),
    entry({ id: "no-cdn", summary: "Staging has no CDN", dimension: "deployment-friction", impact: "low", status: "accepted" }),
    entry({ id: "old-index", dimension: "data-fidelity", match: { probe: "db-schema" } }),
  ];
  const result = audit(entries, [
    { run: { id: "app-config" }, observations: [value("CREDIT_BUREAU_URL", "https://sandbox", "https://live"), value("PAYMENT_TIMEOUT_MS", "3000", "1500")] },
    { run: { id: "db-schema", kind: "schema", status: "error", error: "staging: cannot connect" }, probe: schemaLike },
  ]);
  const findings = result.pairs[0]!.findings;
  const byClass = (c: string) => findings.filter((f) => f.class === c);

  it("declares what an entry's match explains (subject glob) and carries the entry", () => {
    expect(byClass("declared")).toEqual([expect.objectContaining({ subject: "CREDIT_BUREAU_URL", difference: "sandbox", entry: expect.objectContaining({ status: "mitigated", line: 31 }) })]);
  });

  it("leaves what nobody wrote down undeclared", () => {
    expect(byClass("undeclared").map((f) => f.subject)).toEqual(["PAYMENT_TIMEOUT_MS"]);
  });

  it("marks an entry stale when its probe ran and saw nothing matching", () => {
    expect(byClass("stale")).toEqual([expect.objectContaining({ difference: "legacy-ledger", probe: "app-config", subject: "LEGACY_LEDGER_URL", aspect: "value" })]);
    expect(result.upkeep.stale).toEqual(["legacy-ledger"]);
  });

  it("never calls an entry stale when its probe could not run; the error names it", () => {
    expect(findings.some((f) => f.difference === "old-index")).toBe(false);
    expect(byClass("error")).toEqual([expect.objectContaining({ probe: "db-schema", message: expect.stringMatching(/could not run: staging: cannot connect \(map entries not verified: old-index\)/) })]);
  });

  it("calls an entry unverified, not stale, when its probe could not decide", () => {
    const inconclusive = { subject: "POST /v1/score", aspect: "p95", severity: "low" as const, message: "inconclusive: p95 needs at least 72 timed samples per side", staging: null, production: null, informational: true, inconclusive: true };
    const result = audit([entry({ id: "bureau-latency", match: { probe: "latency", aspect: "p95" } })], [{ run: { id: "latency" }, observations: [inconclusive] }]);
    expect(result.pairs[0]!.findings).toEqual([expect.objectContaining({ class: "declared", difference: "bureau-latency", informational: true })]);
    expect(result.upkeep.stale).toEqual([]);
  });

  it("still calls an entry stale when only a measurement (not an inconclusive one) matches it", () => {
    const summary = { subject: "tests", aspect: "summary", severity: "low" as const, message: "0 of 38 tests …", staging: null, production: null, informational: true };
    const result = audit([entry({ id: "broad", match: { probe: "ci-tests" } })], [{ run: { id: "ci-tests" }, observations: [summary] }]);
    expect(result.upkeep.stale).toEqual(["broad"]);
  });

  it("keeps entries without a match as manual", () => {
    expect(byClass("manual")).toEqual([expect.objectContaining({ subject: "no-cdn", difference: "no-cdn", dimension: "deployment-friction" })]);
  });
});

describe("rating rules (the README's table)", () => {
  it.each([
    ["an undeclared high-severity difference", [], [value("A", "1", "2", "high")], "high"],
    ["an undeclared medium one", [], [value("A", "1", "2", "medium")], "medium"],
    ["a declared open high-impact gap", [entry({ id: "e", impact: "high", match: { probe: "app-config", subject: "A" } })], [value("A", "1", "2", "low")], "high"],
    ["a declared mitigated high-impact gap", [entry({ id: "e", impact: "high", status: "mitigated", match: { probe: "app-config", subject: "A" } })], [value("A", "1", "2", "high")], "medium"],
    ["a declared accepted medium-impact gap", [entry({ id: "e", status: "accepted", match: { probe: "app-config", subject: "A" } })], [value("A", "1", "2")], "low"],
    ["a clean run", [], [], "low"],
  ] as const)("%s → %s", (_name, entries, observations, rating) => {
    const result = audit([...entries], [{ run: { id: "app-config" }, observations: [...observations] }]);
    expect(result.pairs[0]!.dimensions["test-reliability"].rating).toBe(rating);
  });

  it("rates a dimension nothing spoke to as unknown", () => {
    const result = audit([], [{ run: { id: "app-config" } }]);
    expect(result.pairs[0]!.dimensions["data-fidelity"]).toMatchObject({ rating: "unknown", confidence: "low" });
    expect(result.pairs[0]!.dimensions["data-fidelity"].summary).toBe("Data fidelity is unknown: no probe gathered evidence for it.");
  });

  it("lowers confidence, not the rating, when a probe fails", () => {
    const result = audit([], [{ run: { id: "db-schema", kind: "schema", status: "error", error: "refused" }, probe: schemaLike }, { run: { id: "app-config" } }]);
    expect(result.pairs[0]!.dimensions["data-fidelity"]).toMatchObject({ rating: "unknown", confidence: "low" });
  });

  it("gives the same rating for the same inputs", () => {
    const make = () => audit([], [{ run: { id: "app-config" }, observations: [value("A", "1", "2"), value("B", "x", "y", "high")] }]);
    expect(make().pairs).toEqual(make().pairs);
  });
});

describe("the narrative", () => {
  it("counts undeclared differences in words, with examples and known gaps", () => {
    const result = audit(
      [entry({ id: "sandbox", summary: "Staging calls the credit bureau sandbox", impact: "high", status: "mitigated", mitigation: "a throttling proxy injects production-like latency", match: { probe: "app-config", subject: "CREDIT_BUREAU_*" } })],
      [{ run: { id: "app-config" }, observations: [value("PAYMENT_TIMEOUT_MS", "3000", "1500"), value("RETRY_LIMIT", "5", "3"), value("CREDIT_BUREAU_URL", "sandbox", "live")] }],
    );
    expect(result.pairs[0]!.dimensions["test-reliability"].summary).toBe(
      "Test reliability is medium: 2 configuration values differ that nobody declared, among them PAYMENT_TIMEOUT_MS (3000 in staging, 1500 in production); RETRY_LIMIT (5 in staging, 3 in production). " +
        '"Staging calls the credit bureau sandbox" is a known, mitigated, high-impact gap (a throttling proxy injects production-like latency).',
    );
  });
});

describe("the gate and exit codes", () => {
  it("trips by default on an undeclared difference (exit 1)", () => {
    const result = audit([], [{ run: { id: "app-config" }, observations: [value("A", "1", "2", "low")] }]);
    expect(exitCode(result, "default")).toBe(1);
    expect(exitCode(result, "high")).toBe(0);
    expect(exitCode(result, "never")).toBe(0);
  });

  it("trips by default on an open high-impact declared gap, not on a mitigated one", () => {
    const open = audit([entry({ id: "e", impact: "high", match: { probe: "app-config", subject: "A" } })], [{ run: { id: "app-config" }, observations: [value("A", "1", "2")] }]);
    const mitigated = audit([entry({ id: "e", impact: "high", status: "mitigated", match: { probe: "app-config", subject: "A" } })], [{ run: { id: "app-config" }, observations: [value("A", "1", "2")] }]);
    expect(gateFindings(open, "default").map((f) => f.difference)).toEqual(["e"]);
    expect(exitCode(mitigated, "default")).toBe(0);
  });

  it("exits 3 when a probe could not run and no gate tripped", () => {
    const result = audit([], [{ run: { id: "db-schema", kind: "schema", status: "error", error: "refused" }, probe: schemaLike }]);
    expect(exitCode(result, "default")).toBe(3);
  });

  it("never lets an informational measurement trip the gate", () => {
    const result = audit([], [{ run: { id: "app-config" }, observations: [{ ...value("tests", "38", "38"), informational: true }] }]);
    expect(exitCode(result, "any")).toBe(0);
  });
});
