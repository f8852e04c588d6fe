import path from "node:path";
import { describe, expect, it } from "vitest";
import { repoRoot, runCli } from "../cli/run-cli.js";

const map = path.join(repoRoot, "test/fixtures/infra/parity-map.yaml");

describe("infra findings flow through the map like every other probe", () => {
  it("declared by subject globs, undeclared, stale; the image a new gap; the ignored note a measurement", async () => {
    const validate = await runCli(["map", "validate", map]);
    expect(validate.stderr + validate.stdout).not.toMatch(/error/i);
    expect(validate.code).toBe(0);

    const { code, stdout, stderr } = await runCli(["audit", "--map", map, "--format", "json", "--no-history"]);
    expect(stderr).toBe("Gate (default): FAILED, exit 1 — 12 undeclared differences (1 pair)\n");
    const audit = JSON.parse(stdout);
    const findings = audit.pairs[0].findings as Array<Record<string, any>>;
    const of = (probe: string, subject: string, aspect?: string) => findings.find((f) => f.probe === probe && f.subject === subject && (aspect === undefined || f.aspect === aspect));

    expect(of("workloads", "ResourceQuota/payments/compute")).toMatchObject({ kind: "gap", declared: true, entry: { id: "production-scale" } });
    expect(of("workloads", "Deployment/payments/api", "spec.template.spec.containers[api].env[CREDIT_BUREAU_URL].value")).toMatchObject({ kind: "gap", declared: true, entry: { id: "bureau-sandbox" } });
    expect(of("workloads", "Deployment/payments/api", "spec.template.spec.containers[api].image")).toMatchObject({ kind: "gap", declared: false, risk: "high", dimension: "test-reliability" });
    expect(findings.find((f) => f.entry?.id === "legacy-worker-flag")).toMatchObject({ kind: "stale-entry" });
    expect(of("workloads", "(ignored)")).toMatchObject({ kind: "measurement" });
    expect(of("dependencies", "picocolors", "missing-in-staging")).toMatchObject({ kind: "gap", declared: false, risk: "high" });
    // Undeclared high-impact differences trip the default gate.
    expect(code).toBe(1);
  });
});
