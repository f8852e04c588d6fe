import { XMLParser, XMLValidator } from "fast-xml-parser";
import { describe, expect, it } from "vitest";
import { renderJunit } from "../../src/report/junit.js";
import type { Audit } from "../../src/types.js";
import { SCENARIOS, addGaps, scenarioAudit, undeclared } from "./load.js";

interface Parsed {
  testsuites: {
    tests: string;
    failures: string;
    errors: string;
    skipped: string;
    testsuite: Array<{ name: string; tests: string; failures: string; errors: string; skipped: string; testcase: Array<Record<string, unknown>> }>;
  };
}

function parse(xml: string): Parsed {
  expect(XMLValidator.validate(xml)).toBe(true);
  const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "", isArray: (name) => name === "testsuite" || name === "testcase" });
  return parser.parse(xml) as Parsed;
}

function tally(audit: Audit) {
  const cases = parse(renderJunit(audit)).testsuites.testsuite.flatMap((s) => s.testcase);
  const has = (k: string) => cases.filter((c) => k in c).length;
  return { cases, tests: cases.length, failures: has("failure"), errors: has("error"), skipped: has("skipped") };
}

describe("junit report", () => {
  it("opens with the gate, and fails exactly the blocking findings", async () => {
    const audit = await scenarioAudit("payments");
    const t = tally(audit);
    const gate = t.cases[0] as { name: string; failure: { message: string; type: string } };
    expect(gate.name).toBe("gate (default)");
    expect(gate.failure).toMatchObject({ type: "gate", message: audit.verdict.summary });
    // the gate + 16 undeclared + 1 open high-impact (manual) entry
    expect(t.failures).toBe(18);
    const manual = t.cases.find((c) => c.name === "manual: manual-fraud-review") as { failure: { type: string } };
    expect(manual.failure.type).toBe("open-high-impact");
    const stale = t.cases.find((c) => c.name === "stale: legacy-ledger-stub") as { skipped: { message: string } };
    expect(stale.skipped.message).toMatch(/^map entry legacy-ledger-stub may be outdated/);
    // An unreadable input is skipped, never a failure.
    expect((t.cases.find((c) => String(c.name).startsWith("evidence/junit/production/smoke.xml")) as { skipped?: unknown }).skipped).toBeDefined();
  });

  it("passes declared differences with their reason and the entry's risk in system-out", async () => {
    const t = tally(await scenarioAudit("all-clear"));
    expect([t.failures, t.errors, t.skipped]).toEqual([0, 0, 0]);
    const logLevel = t.cases.find((c) => c.name === "LOG_LEVEL [value]") as { "system-out": string };
    expect(logLevel["system-out"]).toContain("declared difference (debug-logging)");
    expect(logLevel["system-out"]).toContain("dimension: test reliability, low risk");
    expect(logLevel["system-out"]).toContain("accepted, low impact · owner platform");
  });

  it("reports each failed probe once, as an error, and fails nothing when nothing blocks", async () => {
    const t = tally(await scenarioAudit("probe-errors"));
    expect(t.errors).toBe(3);
    expect(t.failures).toBe(0);
  });

  it("fails at the gate it is judged at: undeclared medium differences pass at --fail-on high", async () => {
    const t = tally(await scenarioAudit("payments", "high"));
    expect(t.failures).toBe(1 + 7 + 1); // the gate, the 7 high-risk undeclared ones, the open high-impact entry
    const timeout = t.cases.find((c) => c.name === "PAYMENT_TIMEOUT_MS [value]") as { "system-out": string };
    expect(timeout["system-out"]).toMatch(/^undeclared difference, not blocking at this gate/);
  });

  it.each(SCENARIOS)("writes count attributes that match the testcases (%s)", async (name) => {
    const doc = parse(renderJunit(await scenarioAudit(name))).testsuites;
    let sum = 0;
    for (const suite of doc.testsuite) {
      const cases = suite.testcase;
      sum += cases.length;
      expect(Number(suite.tests)).toBe(cases.length);
      expect(Number(suite.failures)).toBe(cases.filter((c) => "failure" in c).length);
      expect(Number(suite.errors)).toBe(cases.filter((c) => "error" in c).length);
      expect(Number(suite.skipped)).toBe(cases.filter((c) => "skipped" in c).length);
    }
    expect(Number(doc.tests)).toBe(sum);
  });

  it("stays valid XML whatever the values contain", async () => {
    const nasty = 'a < b && c > "d" \'e\' ]]> <![CDATA[ x ]]>\u0001\u001b[31m';
    const audit = addGaps(await scenarioAudit("all-clear"), [undeclared(1, { subject: nasty, message: `${nasty}\nsecond line`, evidence: { staging: nasty, production: "x" } })]);
    const t = tally(audit);
    const c = t.cases.find((x) => String(x.name).startsWith("a < b")) as { failure: { message: string; "#text": string } };
    expect(c.failure.message).toContain("a < b && c > \"d\" 'e' ]]>");
    expect(c.failure["#text"]).toContain("second line");
  });
});
