import { describe, expect, it } from "vitest";
import { runCli } from "./run-cli.js";

describe("npm run demo", () => {
  it("shows the whole product on embedded targets and exits 0", { timeout: 180_000 }, async () => {
    const result = await runCli(["demo"], { timeoutMs: 170_000 });
    expect(result.stderr).toMatch(/parity demo: done in/);
    expect(result.code).toBe(0);
    const out = result.stdout;
    // The decision first, then every dimension rated and narrated in the one vocabulary.
    expect(out).toMatch(/^Gate \(default\): FAILED, exit 1 — \d+ undeclared differences/);
    for (const title of ["Test reliability", "Data fidelity", "Deployment friction", "Security"]) {
      expect(out).toMatch(new RegExp(`${title} — (high risk|medium risk|low risk)`));
    }
    // Every kind of finding the example map produces.
    for (const section of ["Undeclared differences", "Declared differences", "Stale map entries", "Manual entries", "Measurements and notes"]) expect(out).toContain(section);
    expect(out).toMatch(/^Key: ✖ undeclared/m);
    // Each probe kind ran cleanly against its embedded side.
    for (const probe of ["app-config", "db-schema", "payments-data", "credit-score-latency", "credit-score-status", "ci-tests", "deploys", "incidents"]) {
      expect(out).toMatch(new RegExp(`│ ${probe} +│ \\w+ +│ ok `));
    }
    // The example's story: config, schema, data, HTTP and evidence gaps.
    expect(out).toContain("PAYMENT_TIMEOUT_MS is 3000 in staging and 1500 in production");
    expect(out).toMatch(/transactions_pending_idx/);
    expect(out).toMatch(/instant_payout|chargeback/);
    expect(out).toMatch(/change-approval/);
    expect(out).toMatch(/INC-1057/);
    // The advice names the incident log, never the demo's temporary folder; values are words, not JSON.
    expect(out).toContain("set difference: on line 9 of incidents.yaml");
    expect(out).not.toMatch(/\/tmp\/|parity-demo-/);
    expect(out).not.toContain('{"');
    // Then the checklist section, its gate line first.
    expect(out).toMatch(/## Environment parity: payments[^\n]*\n\n\*\*Gate \(default\): FAILED, exit 1/);
    expect(out).toMatch(/- \[ \] /);
  });

  it.each([
    ["json", (text: string) => expect(JSON.parse(text)).toMatchObject({ schemaVersion: 2, verdict: { gate: "default" } })],
    ["html", (text: string) => expect(text.trimEnd().endsWith("</html>")).toBe(true)],
  ] as const)("--format %s prints one valid document of that format, and nothing after it", { timeout: 180_000 }, async (format, check) => {
    const result = await runCli(["demo", "--format", format], { timeoutMs: 170_000 });
    expect(result.code).toBe(0);
    check(result.stdout);
    expect(result.stdout).not.toContain("## Environment parity");
    expect(result.stderr).toMatch(/^Gate \(default\): FAILED, exit 1 — /m);
  });
});
