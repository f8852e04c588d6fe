import { describe, expect, it } from "vitest";
import { renderTerminal } from "../../src/report/terminal.js";
import { ANSI, FIXTURES, loadAudit } from "./load.js";

describe("terminal report", () => {
  it.each(FIXTURES)("has no escape codes when colour is off (%s)", (name) => {
    expect(renderTerminal(loadAudit(name), { color: false })).not.toMatch(ANSI);
  });

  it("colours ratings and undeclared differences when colour is on", () => {
    const out = renderTerminal(loadAudit("payments"), { color: true });
    expect(out).toMatch(ANSI);
    // red bold for the undeclared heading, whatever chalk's sniffing of this process says
    expect(out).toContain("\u001b[31m\u001b[1mUndeclared differences (4)");
  });

  it.each(FIXTURES)("stays within 100 columns (%s)", (name) => {
    const lines = renderTerminal(loadAudit(name), { color: false }).split("\n");
    const wide = lines.filter((l) => [...l].length > 100);
    expect(wide).toEqual([]);
  });

  it("wraps to a narrower width when asked", () => {
    const lines = renderTerminal(loadAudit("payments"), { color: false, width: 80 }).split("\n");
    expect(lines.filter((l) => [...l].length > 80)).toEqual([]);
  });

  it("puts the loudest findings first and says what is new since the last audit", () => {
    const out = renderTerminal(loadAudit("payments"), { color: false });
    const order = ["Undeclared differences (4)", "Open high-impact differences (1)", "Declared differences (3)", "Stale map entries (1)", "Manual entries (2)", "Probe errors (1)", "Measurements and notes (2)", "Probes", "Map upkeep", "Since last audit"];
    const positions = order.map((heading) => out.indexOf(`\n${heading}`));
    expect(positions.every((p) => p > 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(out).toContain("PAYMENT_TIMEOUT_MS · value");
    expect(out).toContain("Since last audit (2026-11-19 09:30 UTC): 2 new, 1 resolved");
    expect(out).toContain("? stale: legacy-ledger-index (parity-map.yaml:116)");
    expect(out).toContain("! overdue: no-cdn-in-staging (parity-map.yaml:124) — review was due 2026-10-01, owner platform");
  });

  it("shows measurements as notes, never as gaps", () => {
    const out = renderTerminal(loadAudit("all-clear"), { color: false });
    expect(out).toContain("No undeclared or open high-impact differences.");
    expect(out).toContain("Measurements and notes (1)");
    expect(out).not.toContain("Undeclared differences");
  });

  it("strips terminal control sequences that came from a target", () => {
    const audit = loadAudit("payments");
    audit.pairs[0].findings[1].staging = "3000\u001b[2J\u001b[31mHACKED\u0007";
    const out = renderTerminal(audit, { color: false });
    expect(out).not.toMatch(ANSI);
    expect(out).not.toContain("\u0007");
    expect(out).toContain("3000HACKED");
  });

  it("labels every pair when the audit has several", () => {
    const out = renderTerminal(loadAudit("latency"), { color: false });
    expect(out).toContain(" Pair eu (staging-eu → production-eu) ");
    expect(out).toContain(" Pair us (staging-us → production-us) ");
    expect(out).toContain("p50 4.06 · p95 7.70 · p99 11.4 ms (n=400)");
  });
});
