import { beforeAll, describe, expect, it } from "vitest";
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { buildReview } from "../../src/review/build.js";
import type { Review } from "../../src/review/model.js";
import { renderReviewHtml } from "../../src/review/render-html.js";
import { renderReviewMarkdown } from "../../src/review/render-markdown.js";
import type { Audit } from "../../src/types.js";
import { runCli } from "../cli/run-cli.js";
import { QUARTER_START, at, quarterOfHistory } from "./quarter.js";
import { tempFolder } from "../support/temp-folder.js";

let history: { dir: string; audits: Audit[] };
let review: Review;

beforeAll(async () => {
  history = await quarterOfHistory();
  review = buildReview(history.audits, QUARTER_START, at(88));
}, 120_000);

describe("parity review: the quarterly parity review", () => {
  it("rates each dimension over time, week by week, counting services", () => {
    const weeks = review.ratings["test-reliability"];
    expect(weeks[0]!.week).toBe("2026-08-31");
    expect(weeks).toHaveLength(13);
    // Week 1: only ledger was audited (medium: its undeclared timeout gap). From week 2 payments too.
    expect(weeks[0]!.counts).toEqual({ high: 0, medium: 1, low: 0, unknown: 0 });
    expect(weeks[1]!.counts).toEqual({ high: 1, medium: 1, low: 0, unknown: 0 });
  });

  it("follows each gap from opened to closed, with the time to close", () => {
    const timeout = review.gaps.lives.find((l) => l.service === "ledger" && l.subject === "PAYMENT_TIMEOUT_MS")!;
    expect(timeout).toMatchObject({ opened: at(0).toISOString(), closed: at(28).toISOString(), days: 28, openedBefore: false });
    const flags = review.gaps.lives.find((l) => l.subject === "FEATURE_FLAGS_URL")!;
    expect(flags).toMatchObject({ opened: at(42).toISOString(), days: 46 });
    expect(flags.closed).toBeUndefined();
    expect(review.gaps.closed).toBe(1);
    expect(review.gaps.medianDaysToClose).toBe(28);
    const week4 = review.gaps.weekly.find((w) => w.week === "2026-09-28")!;
    expect(week4.closed).toBe(1);
  });

  it("lists map entries added, changed and overdue", () => {
    expect(review.entries.changed).toContainEqual(expect.objectContaining({ service: "ledger", entry: "legacy-ledger", date: at(56).toISOString(), changes: ["status open → mitigated", "owner ledger-team → ledger-platform"] }));
    expect(review.entries.overdue.map((o) => `${o.service}/${o.id}`)).toContain("payments/no-cdn-in-staging");
  });

  it("traces incidents to entries and counts staging-green/production-red tests by entry, each once", () => {
    expect(review.incidents.traced).toEqual([{ service: "payments", entry: "credit-bureau-sandbox", incidents: [expect.objectContaining({ id: "INC-1042", date: "2026-11-10" })] }]);
    expect(review.incidents.untraced).toEqual([expect.objectContaining({ service: "payments", subject: "INC-1057" })]);
    expect(review.redTests).toEqual([{ service: "payments", tests: ["payments api::pays out within PAYMENT_TIMEOUT_MS"], audits: 3 }]);
  });

  it("ranks gaps by the evidence against them (incidents, red tests, risk, age) and ends in action items with owners", () => {
    const [first, second, third] = review.investments;
    // One incident each: the untraced one is high risk, the mitigated entry's gap medium.
    expect(first).toMatchObject({ rank: 1, incidents: 1, risk: "high", title: "incidents · INC-1057 · untraced (undeclared)", ownersProposed: true });
    expect(second).toMatchObject({ rank: 2, incidents: 1, risk: "medium", entry: "credit-bureau-sandbox", owners: ["payments-team"], ownersProposed: false });
    expect(third).toMatchObject({ redTests: 1, title: "tests · payments api::pays out within PAYMENT_TIMEOUT_MS · staging-green-production-red (undeclared)" });
    for (let i = 1; i < review.investments.length; i++) {
      const [a, b] = [review.investments[i - 1]!, review.investments[i]!];
      expect(a.incidents > b.incidents || (a.incidents === b.incidents && a.redTests >= b.redTests)).toBe(true);
    }
    expect(review.actions[0]).toMatchObject({ action: "Fix or declare incidents · INC-1057 · untraced (payments)", why: `#1: ${first!.evidence}` });
    expect(review.actions[0]!.owner).toMatch(/ \(proposed\)$/);
    expect(review.actions[1]).toEqual({ owner: "payments-team", action: "Close the gap behind credit-bureau-sandbox (payments): its mitigation did not prevent 1 incident", why: `#2: ${second!.evidence}` });
    expect(review.actions.map((a) => a.action)).toContain("Review no-cdn-in-staging (payments) and move reviewBy forward");
    expect(review.actions.every((a) => a.owner.length > 0)).toBe(true);
  });

  it("renders markdown and a self-contained HTML page with SVG charts", () => {
    const markdown = renderReviewMarkdown(review);
    for (const heading of ["## Ratings over time", "## Gaps opened and closed", "## Map entries", "## Incidents traced to entries", "## Staging-green, production-red tests by entry", "## Where investment pays off", "### Proposed action items"]) expect(markdown).toContain(heading);
    expect(markdown).toContain("- [ ] **payments-team** — Close the gap behind credit-bureau-sandbox (payments)");
    expect(markdown).toMatch(/\| 1 \| incidents · INC-1057 · untraced \(undeclared\) \| payments \| [a-z-]+ \(proposed\) \| 1 incident, high risk, open \d+ days \|/);
    expect(markdown).toMatch(/\*\*2 services, 16 audits from 2026-08-31 to 2026-11-27\.\*\*/);
    const html = renderReviewHtml(review);
    expect(html.match(/<svg /g)).toHaveLength(5);
    expect(html).not.toMatch(/<script|<link|src="http|href="http/);
    expect(html).toContain("Content-Security-Policy");
    expect(html).toContain('aria-label="Test reliability: services by risk per week');
  });
});

describe("parity review on the command line", () => {
  it("reads a history folder and writes markdown, HTML or JSON", async () => {
    const md = await runCli(["review", "--history", history.dir, "--since", "1y"]);
    expect(md.code).toBe(0);
    expect(md.stdout).toMatch(/^# Parity review: /);
    expect(md.stdout).toContain("credit-bureau-sandbox");
    const out = path.join(await tempFolder("parity-review-"), "review.html");
    const html = await runCli(["review", "--history", history.dir, "--since", "2026-08-01", "--out", out]);
    expect(html.code).toBe(0);
    expect(await readFile(out, "utf8")).toMatch(/^<!DOCTYPE html>/);
    const one = JSON.parse((await runCli(["review", "--history", history.dir, "--since", "1y", "--service", "ledger", "--format", "json"])).stdout) as Review;
    expect(one.services.map((s) => s.service)).toEqual(["ledger"]);
  });

  it("says clearly what is wrong: a bad --since, an empty window, a folder of non-audits", async () => {
    const bad = await runCli(["review", "--history", history.dir, "--since", "a quarter"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe('parity: --since "a quarter": give a span back from now (90d, 12w, 3m, 1y) or a date (2026-09-01)\n');
    const empty = await tempFolder("parity-review-empty-");
    await writeFile(path.join(empty, "notes.json"), JSON.stringify({ hello: "world" }));
    const none = await runCli(["review", "--history", empty]);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain(`parity: skipped ${path.join(empty, "notes.json")}: not a parity audit (no schemaVersion)`);
    expect(none.stderr).toMatch(/parity: no saved audits since \d{4}-\d\d-\d\d in .*: run `parity audit` \(it saves each audit\), or widen --since/);
  });
});
