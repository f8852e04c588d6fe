import { describe, expect, it } from "vitest";
import type { Finding, GapFinding } from "../../src/types.js";
import { PROBES, auditOf, entry, value } from "./harness.js";

const byKind = (findings: Finding[], kind: Finding["kind"]) => findings.filter((f) => f.kind === kind);

describe("classification against the map", () => {
  const entries = [
    entry({ id: "sandbox", summary: "Staging calls the credit bureau sandbox", impact: "high", status: "mitigated", mitigation: "a throttling proxy", match: { probe: "app-config", subject: "CREDIT_BUREAU_*" } }),
    entry({ id: "legacy-ledger", match: { probe: "app-config", subject: "LEGACY_LEDGER_URL", aspect: "value" } }),
    entry({ id: "no-cdn", summary: "Staging has no CDN", dimension: "deployment-friction", impact: "low", status: "accepted" }),
    entry({ id: "old-index", dimension: "data-fidelity", match: { probe: "db-schema" } }),
  ];
  const result = auditOf(entries, [
    { run: { id: "app-config" }, observations: [value("CREDIT_BUREAU_URL", "https://sandbox", "https://live"), value("PAYMENT_TIMEOUT_MS", "3000", "1500")] },
    { run: { id: "db-schema", status: "error", error: "staging: cannot connect", side: "staging" }, probe: PROBES.schema },
  ]);
  const findings = result.pairs[0]!.findings;
  const gaps = byKind(findings, "gap") as GapFinding[];

  it("declares what an entry's match explains (subject glob), and weighs it by the entry, not the observation", () => {
    expect(gaps.filter((f) => f.declared)).toEqual([
      expect.objectContaining({ id: "staging-production/app-config/CREDIT_BUREAU_URL/value", subject: "CREDIT_BUREAU_URL", severity: "medium", risk: "medium", entry: expect.objectContaining({ id: "sandbox", status: "mitigated", line: 20 }) }),
    ]);
  });

  it("leaves what nobody wrote down undeclared, weighed by the probe's severity", () => {
    expect(gaps.filter((f) => !f.declared).map((f) => [f.subject, f.risk])).toEqual([["PAYMENT_TIMEOUT_MS", "medium"]]);
  });

  it("marks an entry stale when its probe ran and saw nothing matching", () => {
    expect(byKind(findings, "stale-entry")).toEqual([expect.objectContaining({ id: "staging-production/map/legacy-ledger/stale", probe: "app-config", subject: "LEGACY_LEDGER_URL", aspect: "value", risk: null })]);
    expect(result.upkeep.stale.map((i) => i.entry)).toEqual(["legacy-ledger"]);
  });

  it("never calls an entry stale when its probe could not run: the error names it and upkeep calls it unverified", () => {
    expect(findings.some((f) => "entry" in f && f.entry?.id === "old-index")).toBe(false);
    expect(byKind(findings, "probe-error")).toEqual([expect.objectContaining({ probe: "db-schema", side: "staging", unverified: ["old-index"], message: expect.stringMatching(/could not run: staging: cannot connect \(map entries not verified: old-index\)/) })]);
    expect(result.upkeep.unverified).toEqual([expect.objectContaining({ entry: "old-index", detail: "not verified this time: its probe db-schema could not run" })]);
    expect(result.upkeep.clean).toBe(false);
  });

  it("calls an entry unverified, not stale, when its probe could not decide", () => {
    const look = { kind: "inconclusive" as const, subject: "POST /v1/score", aspect: "p95", severity: "low" as const, message: "inconclusive: p95 needs at least 72 timed samples per side", staging: null, production: null };
    const audit = auditOf([entry({ id: "bureau-latency", match: { probe: "latency", aspect: "p95" } })], [{ run: { id: "latency" }, probe: PROBES.latency, observations: [look] }]);
    expect(audit.pairs[0]!.findings).toEqual([expect.objectContaining({ kind: "measurement", inconclusive: true, entry: expect.objectContaining({ id: "bureau-latency" }) })]);
    expect(audit.upkeep.stale).toEqual([]);
    expect(audit.upkeep.unverified.map((i) => i.entry)).toEqual(["bureau-latency"]);
  });

  it("still calls an entry stale when only a measurement (not an inconclusive one) matches it", () => {
    const summary = { kind: "measurement" as const, subject: "tests", aspect: "summary", severity: "low" as const, message: "0 of 38 tests …", staging: null, production: null };
    const audit = auditOf([entry({ id: "broad", match: { probe: "ci-tests" } })], [{ run: { id: "ci-tests" }, probe: PROBES.tests, observations: [summary] }]);
    expect(audit.upkeep.stale.map((i) => i.entry)).toEqual(["broad"]);
  });

  it("keeps entries without a match as manual, weighed by their impact and status", () => {
    expect(byKind(findings, "manual-entry")).toEqual([expect.objectContaining({ id: "staging-production/map/no-cdn/manual", subject: "no-cdn", dimension: "deployment-friction", risk: "low" })]);
  });

  it("never makes an unreadable input a gap", () => {
    const audit = auditOf([], [{ run: { id: "ci-tests" }, probe: PROBES.tests, observations: [{ kind: "unreadable", subject: "junit/a.xml", aspect: "unreadable", severity: "medium", message: "could not be read", staging: null, production: null }] }]);
    expect(audit.pairs[0]!.findings.map((f) => f.kind)).toEqual(["unreadable"]);
    expect(audit.verdict).toMatchObject({ exitCode: 0, counts: expect.objectContaining({ undeclared: 0, unreadable: 1 }) });
  });

  it("says 'every entry matched' only when it is true, and never for a map without entries", () => {
    expect(auditOf([], [{ run: { id: "app-config" } }]).upkeep).toMatchObject({ entries: 0, clean: false });
    const matched = auditOf([entry({ id: "a", status: "accepted", match: { probe: "app-config", subject: "A" } })], [{ run: { id: "app-config" }, observations: [value("A", "1", "2")] }]);
    expect(matched.upkeep).toMatchObject({ entries: 1, clean: true });
  });
});

describe("entries belong to pairs", () => {
  const runs = (eu: string[], us: string[]) => ({
    eu: [{ run: { id: "app-config" }, observations: eu.map((s) => value(s, "1", "2")) }],
    us: [{ run: { id: "app-config" }, observations: us.map((s) => value(s, "1", "2")) }],
  });

  it("is not stale when it matched in one pair and its probe saw nothing in another", () => {
    const audit = auditOf([entry({ id: "timeout", status: "accepted", match: { probe: "app-config", subject: "TIMEOUT" } })], runs(["TIMEOUT"], []));
    expect(audit.upkeep.stale).toEqual([]);
    expect(audit.pairs.flatMap((p) => p.findings.map((f) => [p.name, f.kind]))).toEqual([["eu", "gap"]]);
  });

  it("is stale only when its probe ran on every pair it applies to and matched nothing", () => {
    const audit = auditOf([entry({ id: "gone", status: "accepted", match: { probe: "app-config", subject: "GONE" } })], runs([], []));
    expect(audit.upkeep.stale).toEqual([expect.objectContaining({ entry: "gone", pairs: ["eu", "us"], detail: "its probe app-config ran on eu and us and observed nothing matching GONE; remove or correct it" })]);
    expect(audit.verdict.counts.stale).toBe(1);
  });

  it("explains observations only in its own pairs; elsewhere the same difference is undeclared", () => {
    const audit = auditOf([entry({ id: "eu-currency", status: "accepted", pairs: ["eu"], match: { probe: "app-config", subject: "CURRENCY" } })], runs(["CURRENCY"], ["CURRENCY"]));
    const gap = (pair: string) => audit.pairs.find((p) => p.name === pair)!.findings[0] as GapFinding;
    expect(gap("eu").declared).toBe(true);
    expect(gap("us").declared).toBe(false);
    expect(audit.verdict.byPair).toMatchObject({ eu: { passed: true, exitCode: 0 }, us: { passed: false, exitCode: 1 } });
    expect(audit.verdict).toMatchObject({ passed: false, summary: "Gate (default): FAILED, exit 1 — 1 undeclared difference (2 pairs)" });
  });

  it("shows a manual entry only in its pairs, so it cannot colour a pair it does not concern", () => {
    const audit = auditOf([entry({ id: "waf", dimension: "security", impact: "medium", status: "accepted", pairs: ["us"] })], runs([], []));
    expect(audit.pairs.map((p) => [p.name, p.findings.map((f) => f.kind), p.dimensions.security.rating])).toEqual([
      ["eu", [], "unknown"],
      ["us", ["manual-entry"], "low"],
    ]);
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
    const result = auditOf([...entries], [{ run: { id: "app-config" }, observations: [...observations] }]);
    expect(result.pairs[0]!.dimensions["test-reliability"].rating).toBe(rating);
  });

  it("rates a dimension nothing spoke to as unknown, in words that say so", () => {
    const d = auditOf([], [{ run: { id: "app-config" } }]).pairs[0]!.dimensions["data-fidelity"];
    expect(d).toMatchObject({ rating: "unknown", confidence: "low", headline: "Data fidelity — risk unknown", summary: "No probe gathered evidence for it." });
  });

  it("gives the same rating for the same inputs", () => {
    const make = () => auditOf([], [{ run: { id: "app-config" }, observations: [value("A", "1", "2"), value("B", "x", "y", "high")] }]);
    expect(make().pairs).toEqual(make().pairs);
  });
});

describe("confidence says how much evidence was gathered, and why it is lower", () => {
  it("is not high for security when the status probe that speaks to it failed", () => {
    const audit = auditOf([entry({ id: "waf", dimension: "security", impact: "low", status: "accepted" })], [{ run: { id: "api-status", status: "error", error: "refused" }, probe: PROBES.status }]);
    const security = audit.pairs[0]!.dimensions.security;
    expect(security).toMatchObject({ rating: "low", confidence: "low" });
    expect(security.confidenceReasons).toEqual(["probe api-status could not run", "only a map entry that no probe verifies speaks to it"]);
    expect(security.summary).toMatch(/Confidence is low: probe api-status could not run; only a map entry that no probe verifies speaks to it\.$/);
  });

  it("is low when a manual entry nobody verified is the only evidence", () => {
    const audit = auditOf([entry({ id: "waf", dimension: "security", impact: "low", status: "accepted" })], [{ run: { id: "app-config" } }]);
    expect(audit.pairs[0]!.dimensions.security).toMatchObject({ rating: "low", confidence: "low" });
  });

  it("is medium when one of several probes failed, and names it", () => {
    const audit = auditOf([], [{ run: { id: "app-config" } }, { run: { id: "ci-tests", status: "error", error: "no results" }, probe: PROBES.tests }]);
    expect(audit.pairs[0]!.dimensions["test-reliability"]).toMatchObject({ rating: "low", confidence: "medium", confidenceReasons: ["probe ci-tests could not run"] });
  });

  it("is medium after an inconclusive look or an unreadable input", () => {
    const look = { kind: "inconclusive" as const, subject: "GET /", aspect: "p95", severity: "low" as const, message: "inconclusive", staging: null, production: null };
    const unread = { kind: "unreadable" as const, subject: "a.xml", aspect: "unreadable", severity: "medium" as const, message: "unreadable", staging: null, production: null };
    const audit = auditOf([], [{ run: { id: "latency" }, probe: PROBES.latency, observations: [look] }, { run: { id: "ci-tests" }, probe: PROBES.tests, observations: [unread] }]);
    expect(audit.pairs[0]!.dimensions["test-reliability"].confidenceReasons).toEqual(["a measurement was inconclusive (latency on p95)", "an input could not be read (a.xml)"]);
  });
});

describe("the narrative reads the right way round", () => {
  it("counts undeclared differences in words, with examples and known gaps, under a risk headline", () => {
    const result = auditOf(
      [entry({ id: "sandbox", summary: "Staging calls the credit bureau sandbox", impact: "high", status: "mitigated", mitigation: "a throttling proxy injects production-like latency", match: { probe: "app-config", subject: "CREDIT_BUREAU_*" } })],
      [{ run: { id: "app-config" }, observations: [value("PAYMENT_TIMEOUT_MS", "3000", "1500"), value("RETRY_LIMIT", "5", "3"), value("CREDIT_BUREAU_URL", "sandbox", "live")] }],
    );
    const d = result.pairs[0]!.dimensions["test-reliability"];
    expect(d.headline).toBe("Test reliability — medium risk");
    expect(d.summary).toBe(
      "2 configuration values differ that nobody declared, among them PAYMENT_TIMEOUT_MS (3000 in staging, 1500 in production); RETRY_LIMIT (5 in staging, 3 in production). " +
        '"Staging calls the credit bureau sandbox" is a known, mitigated, high-impact gap (a throttling proxy injects production-like latency).',
    );
  });

  it("says a clean pair is low risk, never 'is low'", () => {
    const d = auditOf([], [{ run: { id: "app-config" } }]).pairs[0]!.dimensions["test-reliability"];
    expect(d.headline).toBe("Test reliability — low risk");
    expect(d.summary).toBe("No differences found by app-config.");
    expect(`${d.headline} ${d.summary}`).not.toMatch(/\bis (high|medium|low)\b/);
  });
});
