import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runPipeline } from "../../src/pipeline.js";
import { scenario } from "./context.js";

// The three evidence probes as a user runs them: a map file, the real loader, runner and assessment.
describe("evidence probes through the audit pipeline", async () => {
  const { audit } = await runPipeline({ mapFile: join(scenario("shop"), "parity-map.yaml"), env: {}, now: new Date("2026-11-26T08:00:00Z"), version: "test" });
  const [pair] = audit.pairs;
  const find = (probe: string, subject: string, aspect: string) => pair.findings.find((f) => f.probe === probe && f.subject === subject && f.aspect === aspect);

  it("runs all three probes", () => {
    expect(pair.probes.map((p) => [p.id, p.status, p.error])).toEqual([
      ["ci-tests", "ok", undefined],
      ["deploys", "ok", undefined],
      ["incidents", "ok", undefined],
    ]);
  });

  it("a staging-green-production-red test is an undeclared high finding on test reliability", () => {
    expect(find("ci-tests", "checkout sends the receipt", "staging-green-production-red")).toMatchObject({ kind: "gap", declared: false, risk: "high", dimension: "test-reliability" });
  });

  it("production-only deploy steps are explained by the map entry that matches them", () => {
    expect(find("deploys", "canary", "steps")).toMatchObject({ kind: "gap", declared: true, entry: expect.objectContaining({ id: "no-canary-in-staging" }), dimension: "deployment-friction" });
    expect(find("deploys", "change-approval", "steps")).toMatchObject({ kind: "gap", declared: true, entry: expect.objectContaining({ id: "no-canary-in-staging" }) });
    expect(find("deploys", "deploy duration", "duration")).toMatchObject({ kind: "gap", declared: false, risk: "high", message: "production deploys take 7.5× as long: median 45 min vs 6 min" });
  });

  it("incidents trace to the map's entries; the untraced ones are named", () => {
    expect(find("incidents", "INC-305", "untraced")).toMatchObject({ kind: "gap", declared: false, risk: "high" });
    expect(find("incidents", "credit-bureau-sandbox", "traced")?.kind).toBe("measurement");
  });

  it("a crashed results file is named relative to the map, with its line", () => {
    expect(find("ci-tests", "../green-red/production/search-crashed.xml", "unreadable")?.message).toBe(
      "production results file ../green-red/production/search-crashed.xml:5 could not be read (unclosed tag: failure); its tests are left out of the comparison",
    );
  });

  it("the summaries carry the counts in words", () => {
    expect(find("ci-tests", "tests", "summary")?.message).toMatch(/^3 of 5 tests that pass in staging fail in production \(60%\)/);
    expect(find("incidents", "incidents", "summary")?.message).toMatch(/^4 of 5 incidents in the last 90 days were caused by environment differences/);
  });

  it("secrets in failure messages stay out of the audit", () => {
    expect(JSON.stringify(audit)).not.toContain("pr0d-mail-pass");
  });
});
