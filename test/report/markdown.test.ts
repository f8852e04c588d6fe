import { describe, expect, it } from "vitest";
import { renderMarkdown } from "../../src/report/markdown.js";
import { renderChecklist } from "../../src/report/checklist.js";
import { loadAudit, undeclared } from "./load.js";

describe("markdown report", () => {
  it("shows short action lists openly and background inside <details>", () => {
    const out = renderMarkdown(loadAudit("payments"));
    expect(out).toContain("## Undeclared differences (4)");
    expect(out).toContain("<details><summary><strong>Declared differences (3)</strong></summary>");
    expect(out).toContain("<details><summary><strong>Measurements and notes (2)</strong></summary>");
    expect(out).toContain("| Data fidelity | 🔴 high risk | low | 4 |");
  });

  it("collapses a long list of undeclared differences", () => {
    const audit = loadAudit("all-clear");
    audit.pairs[0].findings.push(...Array.from({ length: 25 }, (_, i) => undeclared(i)));
    const out = renderMarkdown(audit);
    expect(out).toContain("<details><summary><strong>Undeclared differences (25)</strong></summary>");
    expect(out).not.toContain("## Undeclared differences");
    expect(out.match(/^- \*\*medium\*\* `app-config`/gm)).toHaveLength(25);
  });

  it("cannot be broken by markup in values and messages", () => {
    const audit = loadAudit("all-clear");
    audit.pairs[0].findings.push(undeclared(1, { subject: "A|B`C", message: "<img src=x onerror=alert(1)> *bold* [link](http://evil.example)", staging: "x|y", production: "`tick`" }));
    const out = renderMarkdown(audit);
    expect(out).not.toContain("<img");
    expect(out).toContain("&lt;img src=x onerror=alert(1)&gt; \\*bold\\* \\[link\\](http://evil.example)");
    expect(out).toContain("``A|B`C``");
    expect(out).toContain("`` `tick` ``");
  });
});

describe("release checklist", () => {
  const out = renderChecklist(loadAudit("payments"), { color: false });

  it("has a heading with service, pair and date, and the ratings", () => {
    expect(out.split("\n")[0]).toBe("## Environment parity: payments (staging → production, 2026-11-26 10:00 UTC)");
    expect(out).toContain("| Deployment friction | 🔴 high risk | high | 4 |");
  });

  it("has one box per undeclared difference and per open high-impact entry, with owner and mitigation", () => {
    const boxes = out.split("\n").filter((l) => l.startsWith("- [ ] "));
    expect(boxes.filter((l) => l.includes("**Undeclared**"))).toHaveLength(4);
    const open = boxes.filter((l) => l.includes("**Open, high impact**"));
    expect(open).toEqual([
      "- [ ] **Open, high impact**: `approval-gate` — Production has a manual approval gate for payouts above 10 000 EUR; staging has none; owner risk-team; **no mitigation yet**",
    ]);
    // informational findings are measurements, never boxes to tick
    expect(out).not.toContain("47 keys compared");
    // mitigated high-impact entries are not open
    expect(out).not.toContain("credit-bureau-sandbox");
  });

  it("marks what is new since the last audit", () => {
    const items = out.split("\n").filter((l) => l.includes("_(new since the last audit)_"));
    expect(items.map((l) => /`([A-Za-z_.]+)` · `(value|missing-in-staging)`/.exec(l)?.[1])).toEqual(["public.payments.risk_score", "PAYMENT_TIMEOUT_MS"]);
  });

  it("names stale entries and overdue reviews by id under Map upkeep", () => {
    const upkeep = out.slice(out.indexOf("### Map upkeep"));
    expect(upkeep).toContain("- Stale: `legacy-ledger-index`");
    expect(upkeep).toContain("- Overdue review: `no-cdn-in-staging` — review was due 2026-10-01, owner platform.");
  });

  it("ticks the box when nothing needs doing", () => {
    const clear = renderChecklist(loadAudit("all-clear"));
    expect(clear).toContain("- [x] No undeclared or open high-impact differences.");
    expect(clear).not.toContain("- [ ]");
    expect(clear).toContain("- Every entry matched something and none is overdue for review.");
  });

  it("shows one entry once however many observations it explains, and names the pair when there are several", () => {
    const audit = loadAudit("latency");
    const open = { ...audit.pairs[1].findings[0], class: "declared" as const, difference: "cdn", entry: { id: "cdn", summary: "No CDN", impact: "high" as const, status: "open" as const, owner: "web", overdue: false } };
    audit.pairs[1].findings.push(open, { ...open, subject: "GET /other" });
    const text = renderChecklist(audit);
    expect(text).toContain("- [ ] **Open, high impact** [us]: `cdn` — No CDN (2 observations); owner web; **no mitigation yet**");
    expect(text).toContain("- [ ] **Undeclared** (high, test-reliability) [eu]:");
  });
});
