import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startDemoEvidence } from "../../src/demo/evidence.js";
import type { DemoPart } from "../../src/demo/part.js";
import { runPipeline } from "../../src/pipeline.js";
import type { Audit } from "../../src/types.js";

// The probe entries and differences proposed for parity-map.example.yaml, against the demo's files.
const MAP = `version: 1
service: payments
environments:
  staging: {}
  production-eu: {}
  production-us: {}
pairs:
  - { name: eu, staging: staging, production: production-eu }
  - { name: us, staging: staging, production: production-us }
probes:
  - id: ci-tests
    kind: tests
    results:
      staging: \${PARITY_EVIDENCE_DIR:-./evidence}/junit/staging/*.xml
      production-eu: \${PARITY_EVIDENCE_DIR:-./evidence}/junit/production/*.xml
      production-us: \${PARITY_EVIDENCE_DIR:-./evidence}/junit/production-us/*.xml
  - { id: deploys, kind: deployments, history: "\${PARITY_EVIDENCE_DIR:-./evidence}/deploys.csv", windowDays: 90 }
  - { id: incidents, kind: incidents, log: "\${PARITY_EVIDENCE_DIR:-./evidence}/incidents.yaml", windowDays: 90 }
differences:
  - id: credit-bureau-sandbox
    summary: Staging calls the credit bureau sandbox; production calls the live endpoint
    dimension: test-reliability
    impact: high
    status: mitigated
  - id: canary-only-in-production
    summary: Only production deploys go through a canary stage
    dimension: deployment-friction
    impact: medium
    status: accepted
    mitigation: The canary's health checks also run as staging smoke tests
    owner: platform-team
    reviewBy: 2027-02-15
    match: { probe: deploys, subject: canary, aspect: steps }
`;

describe("the demo's evidence", () => {
  let workDir: string;
  let part: DemoPart;
  let audit: Audit;

  beforeAll(async () => {
    workDir = await mkdtemp(join(tmpdir(), "parity-demo-evidence-"));
    part = await startDemoEvidence(workDir);
    await writeFile(join(workDir, "parity-map.yaml"), MAP, "utf8");
    ({ audit } = await runPipeline({ mapFile: join(workDir, "parity-map.yaml"), env: part.env, version: "test" }));
  });
  afterAll(async () => {
    await part?.close();
    await rm(workDir, { recursive: true, force: true });
  });

  const findings = () => audit.pairs[0].findings;
  const messages = (probe: string, aspect: string) => findings().filter((f) => f.probe === probe && f.aspect === aspect).map((f) => f.message);

  it("exposes its folder as PARITY_EVIDENCE_DIR, with evidence for both production regions", () => {
    expect(part.env.PARITY_EVIDENCE_DIR).toBe(join(workDir, "evidence"));
    expect(audit.pairs.map((pair) => [pair.name, pair.probes.map((p) => p.status)])).toEqual([
      ["eu", ["ok", "ok", "ok"]],
      ["us", ["ok", "ok", "ok"]],
    ]);
  });

  it("gives production-us the same release history a day after eu", () => {
    const steps = (pair: number) => audit.pairs[pair]!.findings.filter((f) => f.aspect === "steps").map((f) => f.subject);
    expect(steps(1)).toEqual(steps(0));
    expect(audit.pairs[1]!.findings.filter((f) => f.probe === "deploys" && f.aspect === "failure-rate").map((f) => f.message)).toEqual([
      "deploys fail 20% of the time in production vs 4.2% in staging (2 of 10, 1 rolled back vs 1 of 24)",
    ]);
  });

  it("shows two staging-green-production-red tests and one flaky test", () => {
    expect(messages("ci-tests", "staging-green-production-red")).toEqual([
      '"payments api pays out within PAYMENT_TIMEOUT_MS" passes in staging but fails in production: Error: payout timed out after 1500 ms (took 2380 ms)',
      '"payments api scores credit with the bureau" passes in staging but fails in production: Error: credit bureau answered 429 Too Many Requests (limit 5/s on the live endpoint)',
    ]);
    expect(findings().filter((f) => f.aspect === "flaky").map((f) => f.subject)).toEqual(["com.example.payments.LedgerTest::settlesAtCutoff"]);
    expect(messages("ci-tests", "summary")[0]).toMatch(/^2 of 6 tests that pass in staging fail in production \(33\.3%\)/);
  });

  it("shows production-only deploy steps, ~7× longer deploys and a higher failure rate", () => {
    expect(findings().filter((f) => f.aspect === "steps").map((f) => [f.subject, f.kind === "gap" && f.declared])).toEqual([
      ["canary", true],
      ["change-approval", false],
    ]);
    expect(messages("deploys", "duration")).toEqual(["production deploys take 7× as long: median 42 min vs 6 min"]);
    expect(messages("deploys", "failure-rate")).toEqual(["deploys fail 20% of the time in production vs 4.2% in staging (2 of 10, 1 rolled back vs 1 of 24)"]);
  });

  it("traces one environment-caused incident to the map and names the untraced one", () => {
    expect(findings().filter((f) => f.aspect === "traced").map((f) => f.subject)).toEqual(["credit-bureau-sandbox"]);
    expect(findings().filter((f) => f.aspect === "untraced").map((f) => [f.subject, f.risk, f.kind === "gap" && !f.declared])).toEqual([["INC-1057", "high", true]]);
  });
});
