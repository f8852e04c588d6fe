import { describe, expect, it } from "vitest";
import { groupFindings, pairLabel, sectionOf } from "../../src/report/sections.js";
import type { EntrySummary, Finding, PairAudit } from "../../src/types.js";
import { loadAudit, undeclared } from "./load.js";

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
  const entry = (over: Partial<EntrySummary>): EntrySummary => ({ id: "e", summary: "s", impact: "high", status: "open", overdue: false, ...over });
  it.each<[Partial<Finding>, string]>([
    [{}, "undeclared"],
    [{ informational: true }, "measurement"],
    [{ class: "declared", entry: entry({}) }, "open-high"],
    [{ class: "declared", entry: entry({ status: "mitigated" }) }, "declared"],
    [{ class: "declared", entry: entry({ impact: "medium" }) }, "declared"],
    [{ class: "declared", informational: true, entry: entry({}) }, "measurement"],
    [{ class: "stale", entry: entry({}) }, "stale"],
    [{ class: "manual", entry: entry({}) }, "manual"],
    [{ class: "error" }, "error"],
  ])("%o goes to %s", (over, section) => {
    expect(sectionOf(undeclared(1, over))).toBe(section);
  });

  it("orders each section by severity and keeps audit order otherwise", () => {
    const groups = groupFindings(loadAudit("payments").pairs[0]);
    expect(groups.undeclared.map((f) => f.subject)).toEqual(["public.payments.risk_score", "STRIPE_SECRET_KEY", "PAYMENT_TIMEOUT_MS", "FEATURE_INSTANT_PAYOUTS"]);
  });
});
