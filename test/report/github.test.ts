import { describe, expect, it } from "vitest";
import { ANNOTATIONS_PER_LEVEL, SUMMARY_BUDGET, annotations, stepSummary } from "../../src/report/github.js";
import type { EntrySummary, Finding } from "../../src/types.js";
import { loadAudit, undeclared } from "./load.js";

const level = (lines: string[], l: string) => lines.filter((x) => x.startsWith(`::${l} `));

describe("GitHub annotations", () => {
  it("points stale entries and overdue reviews at their line in the map", () => {
    const lines = annotations(loadAudit("payments"), { mapFile: "deploy/parity-map.yaml" });
    expect(lines).toContain(
      "::warning file=deploy/parity-map.yaml,line=116,title=parity%3A stale map entry::Map entry legacy-ledger-index may be outdated: its probe ran and observed nothing matching. Remove or correct it.",
    );
    expect(lines.find((l) => l.includes("no-cdn-in-staging"))).toBe(
      "::warning file=deploy/parity-map.yaml,line=124,title=parity%3A review overdue::Map entry no-cdn-in-staging is overdue for review (review by 2026-10-01, owner platform). Review it and move reviewBy forward.",
    );
    expect(level(lines, "error")).toHaveLength(4);
    expect(level(lines, "error")[0]).toMatch(/^::error file=deploy\/parity-map.yaml,title=parity%3A undeclared difference::db-schema · public.payments.risk_score/);
  });

  it("reports map problems with file, line and column", () => {
    const lines = annotations(loadAudit("all-clear"), {
      mapFile: "parity-map.yaml",
      problems: [
        { file: "parity-map.yaml", line: 14, column: 7, path: "probes[2].thresholds.p95Ratio", message: 'expected a number, got "1.5x"', severity: "error" },
        { file: "parity-map.yaml", line: 30, column: 5, path: "differences[0].reviewBy", message: "review date 2026-01-01 has passed", severity: "warning" },
      ],
    });
    expect(lines).toEqual([
      '::error file=parity-map.yaml,line=14,col=7,title=parity%3A map problem::probes[2].thresholds.p95Ratio: expected a number, got "1.5x"',
      "::warning file=parity-map.yaml,line=30,col=5,title=parity%3A map problem::differences[0].reviewBy: review date 2026-01-01 has passed",
    ]);
  });

  it("annotates an overdue review once when the map loader already reported it", () => {
    const lines = annotations(loadAudit("payments"), {
      mapFile: "parity-map.yaml",
      problems: [{ file: "/abs/parity-map.yaml", line: 127, column: 15, path: "differences[4].reviewBy", message: 'review of "no-cdn-in-staging" was due on 2026-10-01 (overdue)', severity: "warning" }],
    });
    const overdue = lines.filter((l) => l.includes("no-cdn-in-staging"));
    expect(overdue).toEqual(['::warning file=parity-map.yaml,line=127,col=15,title=parity%3A map problem::differences[4].reviewBy: review of "no-cdn-in-staging" was due on 2026-10-01 (overdue)']);
  });

  it("keeps each level within GitHub's per-step limit and summarises the rest", () => {
    const audit = loadAudit("all-clear");
    audit.pairs[0].findings.push(...Array.from({ length: 30 }, (_, i) => undeclared(i)));
    const entry = (i: number): EntrySummary => ({ id: `entry-${i}`, summary: "s", impact: "low", status: "accepted", overdue: true, reviewBy: "2026-01-01", line: 10 + i });
    const stale: Finding[] = Array.from({ length: 8 }, (_, i) => ({ ...undeclared(i), class: "stale", difference: `entry-${i}`, entry: entry(i) }));
    audit.pairs[0].findings.push(...stale);
    audit.upkeep = { stale: stale.map((f) => f.difference ?? ""), overdue: ["entry-0", "entry-1", "entry-2", "entry-3", "entry-4"] };
    const lines = annotations(audit, { mapFile: "parity-map.yaml" });
    const errors = level(lines, "error");
    const warnings = level(lines, "warning");
    expect(errors).toHaveLength(ANNOTATIONS_PER_LEVEL);
    expect(warnings).toHaveLength(ANNOTATIONS_PER_LEVEL);
    expect(errors.at(-1)).toBe(
      "::error file=parity-map.yaml,title=parity%3A 21 more errors::21 more errors not shown (GitHub shows 10 per step): 21 × undeclared difference. See the step summary or the full report.",
    );
    expect(warnings.at(-1)).toContain("4 more warnings not shown (GitHub shows 10 per step): 4 × review overdue.");
  });

  it("escapes newlines, percent signs and property separators", () => {
    const audit = loadAudit("all-clear");
    audit.pairs[0].findings.push(undeclared(1, { subject: "A", message: "100% broken\nsecond line" }));
    const [line] = annotations(audit, { mapFile: "maps/a,b:c.yaml" });
    expect(line).toBe("::error file=maps/a%2Cb%3Ac.yaml,title=parity%3A undeclared difference::app-config · A · value: 100%25 broken%0Asecond line (medium, test-reliability). Fix it, or declare it in the map.");
  });

  it("says nothing when there is nothing to say", () => {
    expect(annotations(loadAudit("all-clear"), { mapFile: "parity-map.yaml" })).toEqual([]);
  });
});

describe("GitHub step summary", () => {
  it("is the markdown report when it fits", () => {
    const summary = stepSummary(loadAudit("payments"));
    expect(summary).toContain("# Parity audit: payments");
    expect(summary).toContain("<details><summary><strong>Declared differences (3)</strong></summary>");
  });

  it("stays within 1 MiB for a huge audit, and says what it left out", () => {
    const audit = loadAudit("payments");
    const long = "x".repeat(400);
    audit.pairs[0].findings.push(...Array.from({ length: 20_000 }, (_, i) => undeclared(i, { message: `${long} ${i}` })));
    const summary = stepSummary(audit);
    expect(Buffer.byteLength(summary)).toBeLessThanOrEqual(SUMMARY_BUDGET);
    expect(Buffer.byteLength(summary)).toBeLessThanOrEqual(1024 * 1024);
    expect(summary).toMatch(/- … and \d+ more \(see the full report/);
    expect(summary).toContain("Undeclared differences (20004)");
    expect(summary).toContain("## Map upkeep");
  });

  it("cuts at a line boundary when even the summary without findings is too big", () => {
    const audit = loadAudit("all-clear");
    audit.pairs[0].dimensions["data-fidelity"].summary = "é".repeat(700_000);
    const summary = stepSummary(audit);
    expect(Buffer.byteLength(summary)).toBeLessThanOrEqual(SUMMARY_BUDGET);
    expect(summary).not.toContain("\uFFFD");
    expect(summary).toMatch(/cut to fit GitHub's 1 MiB limit/);
  });
});
