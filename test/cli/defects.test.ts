import { describe, expect, it } from "vitest";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { slug } from "../../src/map/suggest.js";
import { REPORT_FORMATS, renderChecklist, renderReport } from "../../src/report/index.js";
import { scenarioAudit } from "../report/load.js";
import { repoRoot, runCli } from "./run-cli.js";
import { tempFolder } from "../support/temp-folder.js";

// One test per defect the verdict issue saw on main (each fails there and passes here).
const fixture = (name: string) => path.join(repoRoot, "test/fixtures/defects", `${name}.yaml`);
const FORMATS = ["terminal", "markdown", "html"] as const;
const all = async (map: string, format: string) => runCli(["audit", "--map", fixture(map), "--format", format, "--no-history"]);

describe("what the verdict issue saw", () => {
  it("a false all-clear: an open high-impact manual entry fails the gate and no format says all clear", async () => {
    for (const format of FORMATS) {
      const result = await all("manual-open-high", format);
      expect(result.code).toBe(1);
      expect(result.stdout).not.toMatch(/No undeclared or open high-impact differences/);
      expect(result.stdout).toContain("Gate (default): FAILED, exit 1 — 1 open high-impact known gap (1 pair)");
    }
    const checklist = await runCli(["checklist", "--map", fixture("manual-open-high")]);
    expect(checklist.stdout).not.toContain("- [x]");
    expect(checklist.stdout).toContain("- [ ] **Open, high impact**: `manual-fraud-review` — Production holds large payouts for manual fraud review; staging never does, not verified by a probe; owner risk-team; **no mitigation yet**");
  });

  it("no stated gate result: a JUnit report to a file states it on stderr, the JSON carries the verdict", async () => {
    const dir = await tempFolder("parity-defect-");
    const result = await runCli(["audit", "--map", fixture("manual-open-high"), "--format", "junit", "--out", path.join(dir, "parity.xml"), "--no-history"]);
    expect(result).toMatchObject({ code: 1, stdout: "", stderr: "Gate (default): FAILED, exit 1 — 1 open high-impact known gap (1 pair)\n" });
    expect(await readFile(path.join(dir, "parity.xml"), "utf8")).toContain('<testcase classname="parity.gate" name="gate (default)"');
    const json = JSON.parse((await all("manual-open-high", "json")).stdout);
    expect(json.verdict).toMatchObject({ gate: "default", passed: false, exitCode: 1, counts: { openHighImpact: 1 }, blocking: [{ reason: "open-high-impact", entry: "manual-fraud-review" }] });
  });

  it("GitHub: a gate failed by an open high-impact entry alone still emits an ::error naming the reason", async () => {
    const result = await runCli(["audit", "--map", fixture("manual-open-high"), "--no-history"], { env: { GITHUB_ACTIONS: "true", GITHUB_WORKSPACE: repoRoot } });
    const errors = result.stdout.split("\n").filter((l) => l.startsWith("::error "));
    expect(errors[0]).toBe("::error file=test/fixtures/defects/manual-open-high.yaml,title=parity%3A gate failed::Gate (default): FAILED, exit 1 — 1 open high-impact known gap (1 pair)");
    expect(errors[1]).toMatch(/title=parity%3A open high-impact known gap::Map entry manual-fraud-review: Production holds large payouts/);
  });

  it("ratings read the right way round: a clean pair is low risk, never 'is low'", async () => {
    const json = JSON.parse((await all("clean-pair", "json")).stdout);
    expect(json.pairs[0].dimensions["test-reliability"]).toMatchObject({ rating: "low", headline: "Test reliability — low risk", summary: "No differences found by app-config." });
    for (const format of [...FORMATS, "json"]) {
      const out = (await all("clean-pair", format)).stdout;
      expect(out).not.toMatch(/\b(Test reliability|Data fidelity|Deployment friction|Security) is (high|medium|low|unknown)\b/);
    }
  });

  it("confidence is earned: security is not 'high' when its status probe failed, and its entry is unverified, not matched", async () => {
    const json = JSON.parse((await all("status-failed", "json")).stdout);
    expect(json.pairs[0].dimensions.security).toMatchObject({ rating: "low", confidence: "low" });
    expect(json.pairs[0].dimensions.security.summary).toMatch(/Confidence is low: probe api-status could not run; only a map entry that no probe verifies speaks to it\./);
    expect(json.upkeep).toMatchObject({ clean: false, unverified: [expect.objectContaining({ entry: "edge-headers" })] });
    for (const format of FORMATS) expect((await all("status-failed", format)).stdout).not.toMatch(/Every entry (with a match )?matched something/);
  });

  it("'every entry matched something' is never said of a map without entries", async () => {
    for (const format of FORMATS) {
      const out = (await all("clean-pair", format)).stdout;
      expect(out).not.toMatch(/Every entry (with a match )?matched something/);
      expect(out).toContain("The map declares no differences yet");
    }
  });

  it("kinds, not flags: an unreadable JUnit file never trips the gate, and a note is never counted as undeclared", async () => {
    const result = await all("unreadable-junit", "json");
    expect(result.code).toBe(0);
    const audit = JSON.parse(result.stdout);
    const findings = audit.pairs[0].findings as Array<{ kind: string; declared?: boolean; subject: string }>;
    expect(findings.filter((f) => f.kind === "gap")).toEqual([]);
    expect(findings.find((f) => f.kind === "unreadable")).toMatchObject({ subject: "junit/production/broken.xml" });
    expect(audit.verdict.counts).toMatchObject({ undeclared: 0, unreadable: 1, measurements: 2 });
    expect(audit.pairs[0].dimensions["test-reliability"].confidence).toBe("medium");
  });

  it("a declared finding shows its entry's weight: never a high severity next to 'accepted, low impact'", async () => {
    const terminal = (await all("declared-risk", "terminal")).stdout;
    expect(terminal).toContain("● [low risk] app-config · LEDGER_URL · missing-in-staging");
    const markdown = (await all("declared-risk", "markdown")).stdout.split("\n").find((l) => l.includes("`LEDGER_URL`"));
    expect(markdown).toMatch(/^- \*\*low risk\*\* `app-config` · `LEDGER_URL`/);
    const html = (await all("declared-risk", "html")).stdout.split("\n").find((l) => l.includes("LEDGER_URL"));
    expect(html).toMatch(/^<tr><td><span class="risk low">low risk<\/span><\/td>/);
    const json = JSON.parse((await all("declared-risk", "json")).stdout).pairs[0].findings[0];
    expect(json).toMatchObject({ kind: "gap", declared: true, severity: "high", risk: "low", entry: { impact: "low", status: "accepted" } });
    for (const line of [terminal.split("\n").find((l) => l.includes("LEDGER_URL")), markdown, html]) expect(line).not.toMatch(/\bhigh\b/i);
  });

  it("snapshots are not silent: every format names the snapshot file, its date and its age", async () => {
    const audit = await scenarioAudit("payments");
    for (const format of REPORT_FORMATS) {
      const out = renderReport(format, audit, { color: false });
      if (format === "json") expect(JSON.parse(out).snapshots).toContainEqual(expect.objectContaining({ environment: "production", file: "./snapshots/production.json", collectedAt: "2026-10-27T09:00:00.000Z", ageDays: 30 }));
      else expect(out.replace(/\s+/g, " "), format).toContain("production from snapshot ./snapshots/production.json, collected 2026-10-27 09:00 UTC (30 days old)");
    }
    expect(renderChecklist(audit)).toContain("production from snapshot ./snapshots/production.json, collected 2026-10-27 09:00 UTC (30 days old)");
  });

  it("no raw JSON as values: data profiles, status counts, body shapes and incidents read as words", async () => {
    const audit = await scenarioAudit("payments");
    for (const format of ["terminal", "markdown", "html", "junit"] as const) {
      const out = renderReport(format, audit, { color: false });
      expect(out, format).not.toMatch(/\{"|&quot;[a-z$]+&quot;:/);
    }
    const terminal = renderReport("terminal", audit, { color: false });
    expect(terminal).toContain("staging     rows 1,000, missing 1");
    expect(terminal).toContain("production  401 ×3");
    expect(terminal).toContain("staging     no $.reasons, $.reasons[], $.reasons[].code, $.reasons[].text");
  });

  it("whole ids: a suggested entry's id is cut at a word, never mid-word", () => {
    const id = slug("ci-tests-payments api::pays out within PAYMENT_TIMEOUT_MS when the bureau is slow-staging-green-production-red");
    expect(id.length).toBeLessThanOrEqual(60);
    expect("ci-tests-payments-api-pays-out-within-payment-timeout-ms-when-the-bureau-is-slow-staging-green-production-red".startsWith(`${id}-`)).toBe(true);
  });

  it("parity demo --format xml is a usage error listing the formats, not an internal error", async () => {
    const result = await runCli(["demo", "--format", "xml"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/argument 'xml' is invalid\. Allowed choices are terminal, markdown, json, junit, html/);
    expect(result.stderr).not.toMatch(/internal error|\n\s+at /);
  });
});
