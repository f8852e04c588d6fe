import { describe, expect, it } from "vitest";
import { ANNOTATIONS_PER_LEVEL, SUMMARY_BUDGET, annotations, stepSummary } from "../../src/report/github.js";
import { addGaps, scenarioAudit, undeclared } from "./load.js";

const level = (lines: string[], l: string) => lines.filter((x) => x.startsWith(`::${l} `));

describe("GitHub annotations", () => {
  it("names the failed gate in the first ::error, then spends the slots on blocking items before warnings", async () => {
    const lines = annotations(await scenarioAudit("payments"), { mapFile: "deploy/parity-map.yaml" });
    const errors = level(lines, "error");
    expect(errors[0]).toBe("::error file=deploy/parity-map.yaml,title=parity%3A gate failed::Gate (default): FAILED, exit 1 — 16 undeclared differences, 1 open high-impact known gap (1 pair)");
    expect(errors).toHaveLength(ANNOTATIONS_PER_LEVEL);
    // The open high-impact entry weighs as a high-risk gap: it gets a slot before the medium ones.
    expect(errors.some((l) => l.includes("title=parity%3A open high-impact known gap") && l.includes("manual-fraud-review"))).toBe(true);
    expect(lines.indexOf(errors.at(-1)!)).toBeLessThan(lines.indexOf(level(lines, "warning")[0]!));
    expect(lines).toContain(
      "::warning file=deploy/parity-map.yaml,line=118,title=parity%3A stale map entry::Map entry legacy-ledger-stub may be outdated: its probe app-config ran and observed nothing matching LEGACY_LEDGER_URL; remove or correct it.",
    );
    expect(lines.find((l) => l.includes("no-cdn-in-staging"))).toBe(
      "::warning file=deploy/parity-map.yaml,line=134,title=parity%3A review overdue::Map entry no-cdn-in-staging is overdue for review (review was due 2026-10-01, owner platform-team). Review it and move reviewBy forward.",
    );
  });

  it("emits an ::error even when warnings alone would fill the slots", async () => {
    const audit = await scenarioAudit("all-clear");
    audit.upkeep.overdue = Array.from({ length: 12 }, (_, i) => ({ entry: `e${i}`, pairs: [audit.pairs[0]!.name], line: 10 + i, detail: "review was due 2026-01-01" }));
    const failing = addGaps(audit, [undeclared(1)]);
    const lines = annotations(failing, { mapFile: "parity-map.yaml" });
    expect(level(lines, "error")[0]).toMatch(/^::error file=parity-map.yaml,title=parity%3A gate failed::Gate \(default\): FAILED, exit 1 — 1 undeclared difference/);
  });

  it("reports map problems with file, line and column", async () => {
    const lines = annotations(await scenarioAudit("all-clear"), {
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

  it("annotates an overdue review once when the map loader already reported it", async () => {
    const lines = annotations(await scenarioAudit("payments"), {
      mapFile: "parity-map.yaml",
      problems: [{ file: "/abs/parity-map.yaml", line: 141, column: 15, path: "differences[10].reviewBy", message: 'review of "no-cdn-in-staging" was due on 2026-10-01 (overdue)', severity: "warning" }],
    });
    expect(lines.filter((l) => l.includes("no-cdn-in-staging"))).toEqual(['::warning file=parity-map.yaml,line=141,col=15,title=parity%3A map problem::differences[10].reviewBy: review of "no-cdn-in-staging" was due on 2026-10-01 (overdue)']);
  });

  it("keeps each level within GitHub's per-step limit and summarises the rest", async () => {
    const audit = addGaps(await scenarioAudit("all-clear"), Array.from({ length: 30 }, (_, i) => undeclared(i)));
    const errors = level(annotations(audit, { mapFile: "parity-map.yaml" }), "error");
    expect(errors).toHaveLength(ANNOTATIONS_PER_LEVEL);
    expect(errors.at(-1)).toBe(
      "::error file=parity-map.yaml,title=parity%3A 22 more errors::22 more errors not shown (GitHub shows 10 per step): 22 × undeclared difference. See the step summary or the full report.",
    );
  });

  it("escapes newlines, percent signs and property separators", async () => {
    const audit = addGaps(await scenarioAudit("all-clear"), [undeclared(1, { subject: "A", message: "100% broken\nsecond line" })]);
    const lines = annotations(audit, { mapFile: "maps/a,b:c.yaml" });
    expect(lines[1]).toBe("::error file=maps/a%2Cb%3Ac.yaml,title=parity%3A undeclared difference::app-config · A · value: 100%25 broken%0Asecond line (medium risk, test reliability). Fix it, or declare it in the map.");
  });

  it("says nothing when there is nothing to say", async () => {
    expect(annotations(await scenarioAudit("all-clear"), { mapFile: "parity-map.yaml" })).toEqual([]);
  });
});

describe("GitHub step summary", () => {
  it("is the markdown report when it fits", async () => {
    const summary = stepSummary(await scenarioAudit("payments"));
    expect(summary).toMatch(/^# Parity audit: payments\n\n\*\*Gate \(default\): FAILED, exit 1/);
    expect(summary).toContain("<details><summary><strong>Declared differences (8)</strong></summary>");
  });

  it("stays within 1 MiB for a huge audit, and says what it left out", async () => {
    const long = "x".repeat(400);
    const audit = addGaps(await scenarioAudit("payments"), Array.from({ length: 20_000 }, (_, i) => undeclared(i, { message: `${long} ${i}` })));
    const summary = stepSummary(audit);
    expect(Buffer.byteLength(summary)).toBeLessThanOrEqual(SUMMARY_BUDGET);
    expect(summary).toMatch(/- … and \d+ more \(see the full report/);
    expect(summary).toContain("Undeclared differences (20016)");
    expect(summary).toContain("## Map upkeep");
  });

  it("cuts at a line boundary when even the summary without findings is too big", async () => {
    const audit = await scenarioAudit("all-clear");
    audit.pairs[0]!.dimensions["data-fidelity"].summary = "é".repeat(700_000);
    const summary = stepSummary(audit);
    expect(Buffer.byteLength(summary)).toBeLessThanOrEqual(SUMMARY_BUDGET);
    expect(summary).not.toContain("\uFFFD");
    expect(summary).toMatch(/cut to fit GitHub's 1 MiB limit/);
  });
});
