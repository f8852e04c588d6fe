import { describe, expect, it } from "vitest";
import { REPORT_FORMATS, renderJson, renderReport } from "../../src/report/index.js";
import { ANSI, FIXTURES, loadAudit } from "./load.js";

describe("json report", () => {
  it.each(FIXTURES)("is the audit itself, schemaVersion 1, ending in a newline (%s)", (name) => {
    const audit = loadAudit(name);
    const out = renderJson(audit);
    expect(out.endsWith("}\n")).toBe(true);
    expect(JSON.parse(out)).toEqual(audit);
    expect(JSON.parse(out).schemaVersion).toBe(1);
  });
});

describe("renderReport", () => {
  it.each(REPORT_FORMATS)("renders %s without colour when colour is off", (format) => {
    const out = renderReport(format, loadAudit("payments"), { color: false });
    expect(out).toContain("payments");
    expect(out).not.toMatch(ANSI);
  });

  it("picks the renderer by format", () => {
    const audit = loadAudit("payments");
    expect(renderReport("json", audit, { color: false })).toBe(renderJson(audit));
    expect(renderReport("junit", audit, { color: false })).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<testsuites /);
    expect(renderReport("html", audit, { color: false })).toMatch(/^<!DOCTYPE html>/);
    expect(renderReport("markdown", audit, { color: false })).toMatch(/^# Parity audit: payments\n/);
    expect(renderReport("terminal", audit, { color: false })).toMatch(/^Parity audit · payments · /);
  });
});
