import { describe, expect, it } from "vitest";
import { reverdict } from "../../src/assess/verdict.js";
import { renderChecklist } from "../../src/report/checklist.js";
import { FAIL_ON_LEVELS, type Audit, type FailOn } from "../../src/types.js";
import { PROBES, auditOf, entry, value } from "./harness.js";

// One audit per kind of finding, each with nothing else in it.
const KINDS: Record<string, () => Audit> = {
  manual: () => auditOf([entry({ id: "fraud-review", impact: "high", status: "open" })], [{ run: { id: "app-config" } }]),
  "manual, accepted": () => auditOf([entry({ id: "no-cdn", impact: "medium", status: "accepted" })], [{ run: { id: "app-config" } }]),
  declared: () => auditOf([entry({ id: "timeout", impact: "high", status: "open", match: { probe: "app-config", subject: "TIMEOUT" } })], [{ run: { id: "app-config" }, observations: [value("TIMEOUT", "1", "2")] }]),
  "declared, mitigated": () =>
    auditOf([entry({ id: "timeout", impact: "high", status: "mitigated", match: { probe: "app-config", subject: "TIMEOUT" } })], [{ run: { id: "app-config" }, observations: [value("TIMEOUT", "1", "2", "high")] }]),
  undeclared: () => auditOf([], [{ run: { id: "app-config" }, observations: [value("RETRY_LIMIT", "5", "3")] }]),
  "undeclared, high": () => auditOf([], [{ run: { id: "app-config" }, observations: [value("DB_URL", "a", "b", "high")] }]),
  stale: () => auditOf([entry({ id: "legacy", status: "accepted", match: { probe: "app-config", subject: "LEGACY_URL" } })], [{ run: { id: "app-config" } }]),
  overdue: () => auditOf([entry({ id: "old", status: "accepted", reviewBy: "2026-01-01", match: { probe: "app-config", subject: "A" } })], [{ run: { id: "app-config" }, observations: [value("A", "1", "2")] }]),
  error: () =>
    auditOf([entry({ id: "index", status: "accepted", match: { probe: "db-schema" } })], [{ run: { id: "db-schema", status: "error", error: "production: connection refused", side: "production" }, probe: PROBES.schema }]),
  note: () => auditOf([], [{ run: { id: "ci-tests" }, probe: PROBES.tests, observations: [{ kind: "measurement", subject: "tests", aspect: "summary", severity: "low", message: "38 of 38 tests pass on both sides.", staging: null, production: null }] }]),
  inconclusive: () =>
    auditOf(
      [entry({ id: "bureau-p95", status: "accepted", match: { probe: "latency", aspect: "p95" } })],
      [{ run: { id: "latency" }, probe: PROBES.latency, observations: [{ kind: "inconclusive", subject: "POST /v1/score", aspect: "p95", severity: "low", message: "inconclusive: p95 needs at least 72 timed samples per side", staging: null, production: null }] }],
    ),
  unreadable: () =>
    auditOf([], [{ run: { id: "ci-tests" }, probe: PROBES.tests, observations: [{ kind: "unreadable", subject: "junit/broken.xml", aspect: "unreadable", severity: "medium", message: "production results file junit/broken.xml:3 could not be read", staging: null, production: "junit/broken.xml:3: unclosed tag" }] }]),
};

// Exit code per gate level: default, undeclared, high, any, never. 1 = the gate tripped, 3 = a probe could not run.
const EXPECTED: Record<string, Record<FailOn, 0 | 1 | 3>> = {
  manual: { default: 1, undeclared: 0, high: 1, any: 1, never: 0 },
  "manual, accepted": { default: 0, undeclared: 0, high: 0, any: 0, never: 0 },
  declared: { default: 1, undeclared: 0, high: 1, any: 1, never: 0 },
  "declared, mitigated": { default: 0, undeclared: 0, high: 0, any: 0, never: 0 },
  undeclared: { default: 1, undeclared: 1, high: 0, any: 1, never: 0 },
  "undeclared, high": { default: 1, undeclared: 1, high: 1, any: 1, never: 0 },
  stale: { default: 0, undeclared: 0, high: 0, any: 1, never: 0 },
  overdue: { default: 0, undeclared: 0, high: 0, any: 1, never: 0 },
  error: { default: 3, undeclared: 3, high: 3, any: 3, never: 3 },
  note: { default: 0, undeclared: 0, high: 0, any: 0, never: 0 },
  inconclusive: { default: 0, undeclared: 0, high: 0, any: 0, never: 0 },
  unreadable: { default: 0, undeclared: 0, high: 0, any: 0, never: 0 },
};

// The checklist's box for a blocking item of each kind.
const BOX: Record<string, string> = {
  manual: "- [ ] **Open, high impact**: `fraud-review`",
  declared: "- [ ] **Open, high impact**: `timeout`",
  undeclared: "- [ ] **Undeclared** (medium risk, test reliability): `app-config` · `RETRY_LIMIT` · `value`",
  "undeclared, high": "- [ ] **Undeclared** (high risk, test reliability): `app-config` · `DB_URL` · `value`",
  stale: "- [ ] **Stale map entry**: `legacy`",
  overdue: "- [ ] **Overdue review**: `old`",
};

describe("the verdict over gate levels × finding kinds", () => {
  const cases = Object.keys(KINDS).flatMap((kind) => FAIL_ON_LEVELS.map((gate) => [kind, gate] as const));

  it.each(cases)("%s at --fail-on %s", (kind, gate) => {
    const audit = reverdict(KINDS[kind]!(), gate);
    const expected = EXPECTED[kind]![gate];
    const { verdict } = audit;
    expect(verdict.gate).toBe(gate);
    expect(verdict.exitCode).toBe(expected);
    expect(verdict.passed).toBe(expected !== 1);
    expect(verdict.summary.startsWith(`Gate (${gate}): ${expected === 1 ? "FAILED" : "PASSED"}, exit ${expected} — `)).toBe(true);
    // Each pair's verdict agrees with the total when there is one pair.
    expect(Object.values(verdict.byPair).map((p) => p.exitCode)).toEqual([expected]);

    const boxes = renderChecklist(audit).split("\n").filter((l) => /^- \[[ x]\] /.test(l));
    if (expected === 1) expect(boxes.some((b) => b.startsWith(BOX[kind]!))).toBe(true);
    else expect(boxes.some((b) => b.startsWith(BOX[kind] ?? "never"))).toBe(false);
    // A probe that could not run is a box of its own whether or not anything blocks.
    expect(boxes.some((b) => b.startsWith("- [ ] **Probe could not run**: `db-schema`"))).toBe(kind === "error");
    // The all-clear box appears exactly when the gate passed and every probe ran.
    expect(boxes.includes(`- [x] The gate (${gate}) passed and every probe ran.`)).toBe(expected === 0);
    expect(boxes.filter((b) => b.startsWith("- [ ]")).length).toBe((expected === 1 ? 1 : 0) + (kind === "error" ? 1 : 0));
  });

  it("counts each kind once, whatever the gate", () => {
    const counts = (kind: string) => KINDS[kind]!().verdict.counts;
    expect(counts("manual")).toMatchObject({ manual: 1, openHighImpact: 1, undeclared: 0 });
    expect(counts("declared")).toMatchObject({ declared: 1, openHighImpact: 1 });
    expect(counts("undeclared")).toMatchObject({ undeclared: 1, declared: 0 });
    expect(counts("stale")).toMatchObject({ stale: 1 });
    expect(counts("overdue")).toMatchObject({ overdue: 1, declared: 1 });
    expect(counts("error")).toMatchObject({ probeErrors: 1, unverified: 1, stale: 0 });
    expect(counts("note")).toMatchObject({ measurements: 1, undeclared: 0 });
    expect(counts("inconclusive")).toMatchObject({ inconclusive: 1, unverified: 1, stale: 0, undeclared: 0 });
    expect(counts("unreadable")).toMatchObject({ unreadable: 1, undeclared: 0 });
  });
});
