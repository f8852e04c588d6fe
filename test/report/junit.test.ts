import { XMLParser, XMLValidator } from "fast-xml-parser";
import { describe, expect, it } from "vitest";
import { renderJunit } from "../../src/report/junit.js";
import type { Audit } from "../../src/types.js";
import { FIXTURES, loadAudit, undeclared } from "./load.js";

interface Parsed {
  testsuites: {
    tests: string;
    failures: string;
    errors: string;
    skipped: string;
    testsuite: Array<{ tests: string; failures: string; errors: string; skipped: string; testcase: Array<Record<string, unknown>> }>;
  };
}

function parse(xml: string): Parsed {
  const valid = XMLValidator.validate(xml);
  expect(valid).toBe(true);
  const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "", isArray: (name) => name === "testsuite" || name === "testcase" });
  return parser.parse(xml) as Parsed;
}

function tally(audit: Audit) {
  const cases = parse(renderJunit(audit)).testsuites.testsuite.flatMap((s) => s.testcase);
  const has = (k: string) => cases.filter((c) => k in c).length;
  return { cases, tests: cases.length, failures: has("failure"), errors: has("error"), skipped: has("skipped"), out: has("system-out") };
}

describe("junit report", () => {
  it("fails undeclared and open high-impact differences, errors failed probes, skips stale entries", () => {
    const t = tally(loadAudit("payments"));
    // 4 probes + 14 findings, the customer-data error finding folded into its probe's testcase
    expect(t.tests).toBe(17);
    expect(t.failures).toBe(5);
    expect(t.errors).toBe(1);
    expect(t.skipped).toBe(1);
    const approval = t.cases.find((c) => c.name === "public.payout_approvals [missing-in-staging]") as { failure: { type: string } };
    expect(approval.failure.type).toBe("open-high-impact");
    const stale = t.cases.find((c) => c.name === "stale: legacy-ledger-index") as { skipped: { message: string } };
    expect(stale.skipped.message).toMatch(/^map entry legacy-ledger-index may be outdated/);
  });

  it("passes declared differences with their reason in system-out", () => {
    const t = tally(loadAudit("all-clear"));
    expect([t.failures, t.errors, t.skipped]).toEqual([0, 0, 0]);
    const logLevel = t.cases.find((c) => c.name === "LOG_LEVEL [value]") as { "system-out": string };
    expect(logLevel["system-out"]).toContain("declared difference (debug-logging)");
    expect(logLevel["system-out"]).toContain("accepted, low impact · owner platform");
  });

  it("reports each failed probe once, as an error, and a skipped probe as skipped", () => {
    const t = tally(loadAudit("probe-errors"));
    expect(t.errors).toBe(2);
    expect(t.skipped).toBe(1);
    expect(t.failures).toBe(1);
  });

  it.each(FIXTURES)("writes count attributes that match the testcases (%s)", (name) => {
    const doc = parse(renderJunit(loadAudit(name))).testsuites;
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

  it("stays valid XML whatever the values contain", () => {
    const audit = loadAudit("all-clear");
    const nasty = 'a < b && c > "d" \'e\' ]]> <![CDATA[ x ]]>\u0001\u001b[31m';
    audit.pairs[0].findings.push(undeclared(1, { subject: nasty, message: `${nasty}\nsecond line`, staging: nasty }));
    const t = tally(audit);
    const c = t.cases.find((x) => String(x.name).startsWith("a < b")) as { failure: { message: string; "#text": string } };
    expect(c.failure.message).toContain("a < b && c > \"d\" 'e' ]]>");
    expect(c.failure["#text"]).toContain("second line");
  });
});
