import { describe, expect, it } from "vitest";
import { REPORT_FORMATS, renderJson, renderReport } from "../../src/report/index.js";
import { ANSI, SCENARIOS, scenarioAudit } from "./load.js";

describe("json report", () => {
  it.each(SCENARIOS)("is the audit itself, schemaVersion 2, ending in a newline (%s)", async (name) => {
    const audit = await scenarioAudit(name);
    const out = renderJson(audit);
    expect(out.endsWith("}\n")).toBe(true);
    expect(JSON.parse(out)).toEqual(audit);
    expect(JSON.parse(out)).toMatchObject({ schemaVersion: 2, verdict: { gate: "default" } });
  });

  it("counts findings by kind, so a script's count equals the report's", async () => {
    const audit = JSON.parse(renderJson(await scenarioAudit("payments")));
    const findings = audit.pairs.flatMap((p: { findings: Array<{ kind: string; declared?: boolean }> }) => p.findings);
    // What `jq '[.pairs[].findings[] | select(.kind == "gap" and .declared == false)] | length'` counts.
    expect(findings.filter((f: { kind: string; declared?: boolean }) => f.kind === "gap" && f.declared === false)).toHaveLength(audit.verdict.counts.undeclared);
    expect(audit.verdict.counts.undeclared).toBe(16);
    expect(audit.verdict.summary).toContain("16 undeclared differences");
  });
});

describe("renderReport", () => {
  it.each(REPORT_FORMATS)("renders %s without colour when colour is off", async (format) => {
    const out = renderReport(format, await scenarioAudit("payments"), { color: false });
    expect(out).toContain("payments");
    expect(out).not.toMatch(ANSI);
  });

  it("picks the renderer by format", async () => {
    const audit = await scenarioAudit("payments");
    expect(renderReport("json", audit, { color: false })).toBe(renderJson(audit));
    expect(renderReport("junit", audit, { color: false })).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<testsuites /);
    expect(renderReport("html", audit, { color: false })).toMatch(/^<!DOCTYPE html>/);
    expect(renderReport("markdown", audit, { color: false })).toMatch(/^# Parity audit: payments\n/);
    expect(renderReport("terminal", audit, { color: false })).toMatch(/^Gate \(default\): FAILED, exit 1 — /);
  });
});
