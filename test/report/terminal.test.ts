import { describe, expect, it } from "vitest";
import { renderTerminal } from "../../src/report/terminal.js";
import { ANSI, SCENARIOS, addGaps, scenarioAudit, undeclared } from "./load.js";

describe("terminal report", () => {
  it.each(SCENARIOS)("has no escape codes when colour is off (%s)", async (name) => {
    expect(renderTerminal(await scenarioAudit(name), { color: false })).not.toMatch(ANSI);
  });

  it("colours the gate, ratings and undeclared differences when colour is on", async () => {
    const out = renderTerminal(await scenarioAudit("payments"), { color: true });
    expect(out).toMatch(ANSI);
    // red bold for a failed gate and the undeclared heading, whatever chalk's sniffing of this process says
    expect(out.startsWith("\u001b[31m\u001b[1mGate (default): FAILED, exit 1")).toBe(true);
    expect(out).toContain("\u001b[31m\u001b[1m✖ Undeclared differences (16)");
  });

  it.each(SCENARIOS)("stays within 100 columns (%s)", async (name) => {
    const lines = renderTerminal(await scenarioAudit(name), { color: false }).split("\n");
    expect(lines.filter((l) => [...l].length > 100)).toEqual([]);
  });

  it("wraps to a narrower width when asked", async () => {
    const lines = renderTerminal(await scenarioAudit("payments"), { color: false, width: 80 }).split("\n");
    expect(lines.filter((l) => [...l].length > 80)).toEqual([]);
  });

  it("opens with the gate line, then puts the loudest findings first", async () => {
    const out = renderTerminal(await scenarioAudit("payments"), { color: false });
    expect(out.split("\n")[0]).toBe("Gate (default): FAILED, exit 1 — 16 undeclared differences, 1 open high-impact known gap (1 pair)");
    const order = ["✖ Undeclared differences (16)", "▲ Open high-impact known gaps (1)", "● Declared differences (8)", "✎ Manual entries (1)", "? Stale map entries (1)", "⊘ Unreadable inputs (1)", "○ Measurements and notes (8)", "Probes", "Map upkeep"];
    const positions = order.map((heading) => out.indexOf(`\n${heading}`));
    expect(positions.every((p) => p > 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    const flat = out.replace(/\s+/g, " ");
    expect(flat).toContain("? stale: legacy-ledger-stub (test/fixtures/scenarios/payments/parity-map.yaml:118)");
    expect(flat).toContain("! overdue: no-cdn-in-staging (test/fixtures/scenarios/payments/parity-map.yaml:134) — review was due 2026-10-01, owner platform-team");
    expect(flat).toContain("~ unverified: bureau-tail-latency");
  });

  it("explains its markers in one key line", async () => {
    const out = renderTerminal(await scenarioAudit("regions"), { color: false });
    expect(out).toContain("\nKey: ✖ undeclared · ● declared · ? stale\n");
  });

  it("weighs a declared finding by its entry: the risk tag matches 'accepted, low impact'", async () => {
    const out = renderTerminal(await scenarioAudit("payments"), { color: false });
    // The schema probe calls a missing table high on its own; the entry accepts it at low impact.
    expect(out).toContain("● [low risk] db-schema · public.test_fixtures · missing-in-production");
    expect(out).not.toMatch(/\[high\]/);
  });

  it("says which sides came from snapshot files, with the date and age", async () => {
    const out = renderTerminal(await scenarioAudit("payments"), { color: false });
    expect(out).toContain("production from snapshot ./snapshots/production.json, collected 2026-10-27 09:00 UTC (30 days old):");
    expect(out).toMatch(/│ db-schema +│ schema +│ ok +│ 42 ms +│ staging: snapshot, 1 day old; production: +│/);
  });

  it("strips terminal control sequences that came from a target", async () => {
    const audit = addGaps(await scenarioAudit("all-clear"), [undeclared(1, { evidence: { staging: "3000\u001b[2J\u001b[31mHACKED\u0007", production: "1" } })]);
    const out = renderTerminal(audit, { color: false });
    expect(out).not.toMatch(ANSI);
    expect(out).not.toContain("\u0007");
    expect(out).toContain("3000HACKED");
  });

  it("opens a many-pair audit with the matrix, then labels every pair with its own gate", async () => {
    const out = renderTerminal(await scenarioAudit("regions"), { color: false });
    const matrix = out.indexOf("│ Pair");
    expect(matrix).toBeGreaterThan(0);
    expect(out).toMatch(/│ eu +│ medium risk +│ low risk +│ risk unknown +│ risk unknown +│ FAILED, exit 1 +│/);
    expect(out).toMatch(/│ us +│ low risk +│ risk unknown +│ risk unknown +│ low risk +│ PASSED, exit 0 +│/);
    expect(out).toMatch(/│ all pairs +│ medium risk +│ low risk +│ risk unknown +│ low risk +│ FAILED, exit 1 +│/);
    expect(out.indexOf(" Pair eu (staging → production-eu) — gate FAILED, exit 1 ")).toBeGreaterThan(matrix);
    expect(out).toContain(" Pair us (staging → production-us) — gate PASSED, exit 0 ");
  });
});
