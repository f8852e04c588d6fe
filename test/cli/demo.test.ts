import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { runCli } from "./run-cli.js";

const example = parse(readFileSync(path.join(import.meta.dirname, "../../parity-map.example.yaml"), "utf8")) as { probes: Array<{ id: string; pairs?: string[] }> };

describe("npm run demo", () => {
  it("shows the whole product on embedded targets and exits 0", { timeout: 180_000 }, async () => {
    const result = await runCli(["demo"], { timeoutMs: 170_000 });
    expect(result.stderr).toMatch(/parity demo: done in/);
    // Nothing but parity's own lines on stderr: no Node warning (an abort-listener "leak" warning was printed once).
    expect(result.stderr).not.toMatch(/Warning|--trace-warnings/);
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
    // Every probe of the example map ran cleanly against its embedded sides, in each pair it runs on
    // (the probe table is printed once per pair: ledger-schema runs on eu only).
    for (const probe of example.probes) {
      const rows = out.match(new RegExp(`^│ ${probe.id} +│ [\\w-]+ +│ (\\w+) `, "gm")) ?? [];
      expect(rows.map((row) => row.trim().split(/ *│ */)[3]), probe.id).toEqual((probe.pairs ?? ["eu", "us"]).map(() => "ok"));
    }
    // Two production regions and a second database: the matrix first, then each pair.
    expect(out).toMatch(/^│ eu +│ .*\n│ us +│ .*\n│ all pairs +│ /m);
    expect(out).toContain(" Pair eu (staging → production-eu) — gate FAILED, exit 1 ");
    expect(out).toContain(" Pair us (staging → production-us) — gate FAILED, exit 1 ");
    expect(out).toMatch(/ledger-schema · ledger\.journal\.journal_reference_key · missing-in-staging/);
    expect(out).toMatch(/America\/New_York/);
    // The us-only entry is declared in us and not reported stale in eu, where it does not apply.
    expect(out).toMatch(/SETTLEMENT_CURRENCY is EUR in staging and USD in production[^\n]*\n(.*\n){0,3}.*↳ us-settles-in-usd/);
    expect(out).not.toMatch(/\? us-settles-in-usd/);
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
