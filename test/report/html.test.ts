import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { renderHtml } from "../../src/report/html.js";
import { CHROMIUM, HAVE_CHROMIUM, chromium } from "./chromium.js";
import { SCENARIOS, addGaps, scenarioAudit, undeclared } from "./load.js";

// Anything that would make a browser fetch: src/href/action/poster attributes, CSS url() and @import.
const RESOURCE_REF = /\b(?:src|href|action|poster|srcset|xlink:href|data)\s*=\s*["']?\s*(?:https?:)?\/\/|url\(\s*["']?\s*(?:https?:)?\/\/|@import/i;

describe("html report", () => {
  it.each(SCENARIOS)("references no external resource and runs no script (%s)", async (name) => {
    const out = renderHtml(await scenarioAudit(name));
    expect(out).not.toMatch(RESOURCE_REF);
    expect(out).not.toMatch(/<script|<link|<iframe|<img|<object|<embed/i);
    expect(out).toContain("Content-Security-Policy");
  });

  it("states the gate right under the title", async () => {
    const out = renderHtml(await scenarioAudit("payments"));
    expect(out).toMatch(/<h1>Parity audit: payments<\/h1>\n<p class="verdict failed">Gate \(default\): FAILED, exit 1 — 16 undeclared differences, 1 open high-impact known gap \(1 pair\)<\/p>/);
  });

  it("draws one chart per latency probe and subject", async () => {
    const out = renderHtml(await scenarioAudit("payments"));
    expect(out.match(/<svg class="latency-chart"/g)).toHaveLength(1);
    expect(out).toContain("<title>Latency distribution: score-latency · POST /v1/score</title>");
  });

  it("shows every finding, including the collapsed ones of other formats", async () => {
    const audit = await scenarioAudit("payments");
    const out = renderHtml(audit);
    const esc = (t: string) => t.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");
    for (const f of audit.pairs[0]!.findings) expect(out).toContain(esc(f.kind === "manual-entry" ? f.entry.summary : f.message));
  });

  it("opens a many-pair page with the matrix", async () => {
    const out = renderHtml(await scenarioAudit("regions"));
    expect(out.indexOf('<table class="matrix">')).toBeLessThan(out.indexOf("<h2>Pair eu"));
    expect(out).toContain("<td><strong>all pairs</strong></td>");
  });

  it("escapes hostile values", async () => {
    const audit = addGaps(await scenarioAudit("all-clear"), [undeclared(1, { message: '<script>alert(1)</script><img src="https://evil.example/x">', evidence: { staging: '"><svg onload=alert(1)>', production: "1" } })]);
    const out = renderHtml(audit);
    expect(out).not.toMatch(RESOURCE_REF);
    expect(out).toContain("&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=&quot;https://evil.example/x&quot;&gt;");
    expect(out).not.toContain("<svg onload");
  });
});

describe.skipIf(!HAVE_CHROMIUM)(`html report in headless Chromium (${CHROMIUM})`, () => {
  let dir: string;
  let server: Server;
  let hits: string[];
  let reportFile: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "parity-html-"));
    hits = [];
    // A real server the report would hit if any markup slipped through unescaped.
    server = createServer((req, res) => {
      hits.push(req.url ?? "");
      res.end("gotcha");
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const port = (server.address() as AddressInfo).port;
    const bait = `http://127.0.0.1:${port}`;
    const audit = addGaps(await scenarioAudit("payments"), [undeclared(1, { message: `<img src="${bait}/img"><link rel="stylesheet" href="${bait}/css">`, evidence: { staging: `<iframe src="${bait}/frame"></iframe>`, production: "1" } })]);
    reportFile = join(dir, "report.html");
    writeFileSync(reportFile, renderHtml(audit));
    // The harness measures the charts as laid out: the report itself may not run scripts.
    writeFileSync(
      join(dir, "harness.html"),
      `<!DOCTYPE html><html><body><iframe id="r" src="report.html" style="width:1200px;height:3000px"></iframe><pre id="out">pending</pre>
<script>
document.getElementById("r").addEventListener("load", () => {
  const doc = document.getElementById("r").contentDocument;
  const charts = [...doc.querySelectorAll("svg.latency-chart")].map((svg) => {
    const box = svg.getBoundingClientRect();
    const bars = [...svg.querySelectorAll("rect")].filter((r) => r.getBoundingClientRect().height > 0).length;
    return { width: Math.round(box.width), height: Math.round(box.height), bars };
  });
  document.getElementById("out").textContent = JSON.stringify({ title: doc.title, h1: doc.querySelector("h1").textContent, charts });
});
</script></body></html>`,
    );
  });

  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    rmSync(dir, { recursive: true, force: true });
  });

  it("renders, lays out every latency chart, and makes no network request", async () => {
    const dom = await chromium(["--allow-file-access-from-files", "--virtual-time-budget=5000", "--dump-dom", pathToFileURL(join(dir, "harness.html")).href]);
    const json = /<pre id="out">([^<]*)<\/pre>/.exec(dom)?.[1] ?? "";
    const result = JSON.parse(json.replace(/&quot;/g, '"').replace(/&amp;/g, "&")) as { title: string; h1: string; charts: Array<{ width: number; height: number; bars: number }> };
    expect(result.h1).toBe("Parity audit: payments");
    expect(result.charts).toHaveLength(1);
    for (const chart of result.charts) {
      expect(chart.width).toBeGreaterThan(300);
      expect(chart.height).toBeGreaterThan(100);
      expect(chart.bars).toBeGreaterThan(2);
    }
    expect(hits).toEqual([]);
  });

  it("takes a screenshot of the page", async () => {
    const png = join(dir, "report.png");
    await chromium(["--window-size=1200,2000", `--screenshot=${png}`, pathToFileURL(reportFile).href]);
    const bytes = readFileSync(png);
    expect(bytes.subarray(1, 4).toString()).toBe("PNG");
    expect(bytes.length).toBeGreaterThan(20_000);
    expect(hits).toEqual([]);
  });
});
