import { describe, expect, it } from "vitest";
import { sectionOf } from "../../src/assess/sections.js";
import { pairLabel, pairSections } from "../../src/report/sections.js";
import type { EntrySummary, Finding, PairAudit } from "../../src/types.js";
import { scenarioAudit, undeclared } from "./load.js";

const pair = (name: string, staging = "staging", production = "production") => ({ name, staging, production }) as PairAudit;

describe("pair labels", () => {
  it.each([
    [pair("staging→production"), "staging → production"],
    [pair("staging-production"), "staging → production"],
    [pair(""), "staging → production"],
    [pair("eu", "staging-eu", "production-eu"), "eu (staging-eu → production-eu)"],
  ])("%o reads %s", (p, label) => {
    expect(pairLabel(p)).toBe(label);
  });
});

describe("finding sections", () => {
  const entry = (over: Partial<EntrySummary> = {}): EntrySummary => ({ id: "e", summary: "s", dimension: "security", impact: "high", status: "open", overdue: false, ...over });
  const base = { id: "x", pair: "p", probe: "app-config", subject: "s", aspect: "a", dimension: "security" as const, message: "m", risk: null };
  it.each<[Finding, string]>([
    [undeclared(1), "undeclared"],
    [{ ...undeclared(1), declared: true, entry: entry() }, "open-high-impact"],
    [{ ...undeclared(1), declared: true, entry: entry({ status: "mitigated" }) }, "declared"],
    [{ ...undeclared(1), declared: true, entry: entry({ impact: "medium" }) }, "declared"],
    [{ ...base, kind: "manual-entry", entry: entry() }, "open-high-impact"],
    [{ ...base, kind: "manual-entry", entry: entry({ status: "accepted" }) }, "manual"],
    [{ ...base, kind: "measurement", inconclusive: true, entry: entry() }, "measurement"],
    [{ ...base, kind: "stale-entry", entry: entry() }, "stale"],
    [{ ...base, kind: "probe-error", side: "both", unverified: [] }, "probe-error"],
    [{ ...base, kind: "unreadable" }, "unreadable"],
  ])("%o goes to %s", (finding, section) => {
    expect(sectionOf(finding)).toBe(section);
  });

  it("orders each section by risk and keeps audit order otherwise", async () => {
    const sections = pairSections((await scenarioAudit("payments")).pairs[0]!);
    const undeclaredSubjects = sections.find((s) => s.section === "undeclared")!.findings.map((f) => [f.subject, f.risk]);
    expect(undeclaredSubjects.slice(0, 2)).toEqual([
      ["public.payout_status", "high"],
      ["public.payouts.amount", "high"],
    ]);
    expect(undeclaredSubjects.at(-1)).toEqual(["smoke", "low"]);
  });
});
