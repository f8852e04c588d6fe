import { describe, expect, it } from "vitest";
import { runCli } from "./run-cli.js";

describe("npm run demo", () => {
  it("shows the whole product on embedded targets and exits 0", { timeout: 180_000 }, async () => {
    const result = await runCli(["demo"], { timeoutMs: 170_000 });
    expect(result.stderr).toMatch(/parity demo: done in/);
    expect(result.code).toBe(0);
    const out = result.stdout;
    // Every dimension rated and narrated.
    for (const title of ["Test reliability", "Data fidelity", "Deployment friction", "Security"]) {
      expect(out).toMatch(new RegExp(`${title} — (high risk|medium risk|low risk)`));
    }
    // Every class of finding.
    for (const section of ["Undeclared differences", "Declared differences", "Stale map entries", "Manual entries"]) expect(out).toContain(section);
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
    // Then the checklist section.
    expect(out).toMatch(/## Environment parity: payments/);
    expect(out).toMatch(/- \[ \] /);
  });
});
