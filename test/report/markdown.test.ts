import { describe, expect, it } from "vitest";
import { renderChecklist } from "../../src/report/checklist.js";
import { renderMarkdown } from "../../src/report/markdown.js";
import { SCENARIOS, addGaps, scenarioAudit, undeclared } from "./load.js";

describe("markdown report", () => {
  it("opens with the gate line, then the ratings; long action lists and background fold into <details>", async () => {
    const out = renderMarkdown(await scenarioAudit("payments"));
    expect(out.split("\n").slice(0, 3)).toEqual(["# Parity audit: payments", "", "**Gate (default): FAILED, exit 1 — 16 undeclared differences, 1 open high-impact known gap (1 pair)**"]);
    expect(out).toContain("<details><summary><strong>Undeclared differences (16)</strong></summary>");
    expect(out).toContain("## Open high-impact known gaps (1)");
    expect(out).toContain("<details><summary><strong>Declared differences (8)</strong></summary>");
    expect(out).toContain("| Test reliability | 🔴 high risk | medium | 12 |");
  });

  it("collapses a long list of undeclared differences", async () => {
    const audit = addGaps(await scenarioAudit("all-clear"), Array.from({ length: 25 }, (_, i) => undeclared(i)));
    const out = renderMarkdown(audit);
    expect(out).toContain("<details><summary><strong>Undeclared differences (25)</strong></summary>");
    expect(out.match(/^- \*\*medium risk\*\* `app-config`/gm)).toHaveLength(25);
  });

  it("cannot be broken by markup in values and messages, and escapes no more than that", async () => {
    const audit = addGaps(await scenarioAudit("all-clear"), [
      undeclared(1, { subject: "A|B`C", message: "<img src=x onerror=alert(1)> *bold* [link](http://evil.example) &amp; a > 0 and PAYMENT_TIMEOUT_MS #3", evidence: { staging: "x|y", production: "`tick`" } }),
    ]);
    const out = renderMarkdown(audit);
    expect(out).not.toMatch(/(^|[^\\])<img/m);
    expect(out).toContain("\\<img src=x onerror=alert(1)> \\*bold\\* \\[link\\](http://evil.example) \\&amp; a > 0 and PAYMENT_TIMEOUT_MS #3");
    expect(out).toContain("``A|B`C``");
    expect(out).toContain("`` `tick` ``");
  });

  it.each(SCENARIOS)("has no HTML entities or needless escapes in its prose (%s)", async (name) => {
    for (const text of [renderMarkdown(await scenarioAudit(name)), renderChecklist(await scenarioAudit(name))]) {
      const prose = text.replace(/<summary>.*?<\/summary>/g, "");
      expect(prose).not.toMatch(/&(gt|lt|amp|quot|#39);/);
      expect(prose).not.toMatch(/\\[#_>]/);
    }
  });
});

describe("release checklist", () => {
  it("opens with service, pair, date and the gate line; then the ratings", async () => {
    const out = renderChecklist(await scenarioAudit("payments"));
    expect(out.split("\n").slice(0, 3)).toEqual([
      "## Environment parity: payments (staging → production, 2026-11-26 10:00 UTC)",
      "",
      "**Gate (default): FAILED, exit 1 — 16 undeclared differences, 1 open high-impact known gap (1 pair)**",
    ]);
    expect(out).toContain("| Deployment friction | 🔴 high risk | high | 5 |");
  });

  it("has one box per undeclared difference and per open high-impact entry, manual ones included, with owner and mitigation", async () => {
    const out = renderChecklist(await scenarioAudit("payments"));
    const boxes = out.split("\n").filter((l) => l.startsWith("- [ ] "));
    expect(boxes.filter((l) => l.includes("**Undeclared**"))).toHaveLength(16);
    expect(boxes.filter((l) => l.includes("**Open, high impact**"))).toEqual([
      "- [ ] **Open, high impact**: `manual-fraud-review` — Production holds payouts above 10 000 EUR for manual fraud review; staging never does, not verified by a probe; owner risk-team; **no mitigation yet**",
    ]);
    // Measurements are never boxes to tick; mitigated high-impact entries are not open.
    expect(out).not.toContain("flaky");
    expect(out).not.toContain("credit-bureau-sandbox");
    expect(out).not.toContain("- [x]");
  });

  it("names stale, unverified and overdue entries under Map upkeep", async () => {
    const out = renderChecklist(await scenarioAudit("payments"));
    const upkeep = out.slice(out.indexOf("### Map upkeep"));
    expect(upkeep).toContain("- Stale: `legacy-ledger-stub` — its probe app-config ran and observed nothing matching LEGACY_LEDGER_URL; remove or correct it.");
    expect(upkeep).toContain("- Unverified: `bureau-tail-latency` — not verified this time: its probe score-latency could not decide (inconclusive).");
    expect(upkeep).toContain("- Overdue: `no-cdn-in-staging` — review was due 2026-10-01, owner platform-team.");
  });

  it("ticks the all-clear box only when the gate passed and every probe ran", async () => {
    const clear = renderChecklist(await scenarioAudit("all-clear"));
    expect(clear).toContain("- [x] The gate (default) passed and every probe ran.");
    expect(clear).not.toContain("- [ ]");
    expect(clear).toContain("- Every entry with a match matched something, and none is overdue for review.");

    const errors = renderChecklist(await scenarioAudit("probe-errors"));
    expect(errors).not.toContain("- [x]");
    expect(errors.split("\n").filter((l) => l.startsWith("- [ ] **Probe could not run**"))).toHaveLength(3);
    expect(errors).toContain("- [ ] **Probe could not run**: `db-schema` — production: snapshot ./snapshots/production.json was collected 2026-05-01 (208 days ago), older than its maxAgeDays of 30; collect a fresh one with `parity snapshot --env production`. Its evidence for data fidelity is missing; fix it and audit again. Entries not verified: `audit-log-table`.");
    expect(errors).not.toContain("Every entry with a match matched something");
  });

  it("opens a many-pair checklist with the matrix and names the pair of each box", async () => {
    const out = renderChecklist(await scenarioAudit("regions"));
    expect(out).toContain("| Pair | Test reliability | Data fidelity | Deployment friction | Security | Gate (default) |");
    expect(out).toContain("| eu | 🟠 medium risk | 🟢 low risk | ⚪ risk unknown | ⚪ risk unknown | FAILED, exit 1 |");
    expect(out).toContain("| **all pairs** | 🟠 medium risk | 🟢 low risk | ⚪ risk unknown | 🟢 low risk | FAILED, exit 1 |");
    expect(out).toContain("- [ ] **Undeclared** (medium risk, test reliability) [eu]: `app-config` · `RETRY_LIMIT` · `value`");
    expect(out.indexOf("| Pair |")).toBeLessThan(out.indexOf("**eu (staging → production-eu)**"));
  });
});
