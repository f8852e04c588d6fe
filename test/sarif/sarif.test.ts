import { describe, expect, it } from "vitest";
import { cp, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import type { Log, Result } from "sarif";
import { runPipeline } from "../../src/pipeline.js";
import { FINGERPRINT_KEY, renderSarif, sarifLog } from "../../src/report/sarif.js";
import { SARIF_RULE_IDS } from "../../src/report/sarif-rules.js";
import { repoRoot, runCli } from "../cli/run-cli.js";
import { FIXTURE_NOW, SCENARIOS, scenarioAudit, scenarioMap } from "../report/load.js";
import { schemaProblems, validateSarif, validateSarifFiles } from "./multitool.js";
import { tempFolder } from "../support/temp-folder.js";

const paymentsMap = path.relative(repoRoot, scenarioMap("payments"));
const lineOf = async (file: string, pattern: RegExp) => (await readFile(path.join(repoRoot, file), "utf8")).split("\n").findIndex((l) => pattern.test(l)) + 1;
const byFinding = (log: Log, id: string) => log.runs[0]!.results!.find((r) => r.properties?.findingId === id);

describe("SARIF 2.1.0 (--format sarif, --out parity.sarif)", () => {
  it("the validators catch a broken log (so a clean verdict from them means something)", async () => {
    const noTool = { version: "2.1.0", runs: [{ results: [] }] };
    expect((await validateSarif(JSON.stringify(noTool))).filter((p) => p.level === "error").map((p) => p.ruleId)).toEqual(["JSON1002"]);
    // The multitool passes an invalid level silently; the schema check beside it does not.
    const badLevel = { version: "2.1.0", runs: [{ tool: { driver: { name: "parity" } }, results: [{ ruleId: "x", level: "fatal", message: { text: "a." } }] }] };
    expect(schemaProblems(badLevel).join("\n")).toMatch(/\/runs\/0\/results\/0\/level must be equal to one of the allowed values/);
  }, 120_000);

  it("every scenario's log: @microsoft/sarif-multitool validate finds no error and no warning, and the SARIF schema accepts it", async () => {
    const logs: Record<string, string> = Object.fromEntries(await Promise.all(SCENARIOS.map(async (name) => [name, renderSarif(await scenarioAudit(name))] as const)));
    // A control in the same batch: a log without $schema draws SARIF2008, so findings do reach their file.
    const control = JSON.parse(logs.payments!) as Record<string, unknown>;
    delete control.$schema;
    const found = await validateSarifFiles({ ...logs, control: JSON.stringify(control) });
    expect(found.get("control")!.map((p) => p.ruleId)).toContain("SARIF2008");
    for (const name of SCENARIOS) {
      expect(found.get(name)!.filter((p) => p.level === "error" || p.level === "warning").map((p) => `${p.ruleId}: ${p.message.text}`), name).toEqual([]);
      expect(schemaProblems(JSON.parse(logs[name]!)), name).toEqual([]);
    }
  }, 120_000);

  it("has one rule per finding kind, and every result names one of them by id and index", async () => {
    const log = sarifLog(await scenarioAudit("payments"));
    const rules = log.runs[0]!.tool.driver.rules!;
    expect(rules.map((r) => r.id)).toEqual(["undeclared-gap", "declared-gap", "manual-entry", "stale-entry", "probe-error", "unreadable-input", "inconclusive-measurement", "overdue-review"]);
    for (const result of log.runs[0]!.results!) expect(rules[result.ruleIndex!]!.id).toBe(result.ruleId);
    const used = new Set(log.runs[0]!.results!.map((r) => r.ruleId));
    expect([...used].sort()).toEqual(["declared-gap", "inconclusive-measurement", "manual-entry", "overdue-review", "stale-entry", "undeclared-gap", "unreadable-input"]);
    const errors = sarifLog(await scenarioAudit("probe-errors")).runs[0]!.results!.filter((r) => r.ruleId === "probe-error");
    expect(errors.length).toBeGreaterThan(0);
    expect(SARIF_RULE_IDS).toHaveLength(rules.length);
  });

  it("locates each result at its probe's line, a declared gap or an entry at the entry's line, and the evidence at its file's line", async () => {
    const log = sarifLog(await scenarioAudit("payments"));
    const at = (r: Result | undefined) => ({ uri: r?.locations?.[0]?.physicalLocation?.artifactLocation?.uri, line: r?.locations?.[0]?.physicalLocation?.region?.startLine });
    const undeclared = byFinding(log, "staging-production/app-config/PAYMENT_TIMEOUT_MS/value");
    expect(at(undeclared)).toEqual({ uri: paymentsMap, line: await lineOf(paymentsMap, /id: app-config, kind: config/) });
    const declared = byFinding(log, "staging-production/app-config/CREDIT_BUREAU_URL/value");
    expect(at(declared)).toEqual({ uri: paymentsMap, line: await lineOf(paymentsMap, /- id: credit-bureau-sandbox/) });
    const manual = byFinding(log, "staging-production/map/manual-fraud-review/manual");
    expect(at(manual).line).toBe(await lineOf(paymentsMap, /- id: manual-fraud-review/));

    const red = byFinding(log, "staging-production/ci-tests/payments api::pays out within PAYMENT_TIMEOUT_MS/staging-green-production-red");
    const junit = "test/fixtures/scenarios/payments/evidence/junit/production/payments.xml";
    expect(red?.relatedLocations?.[0]?.physicalLocation).toEqual({ artifactLocation: { uri: junit }, region: { startLine: await lineOf(junit, /name="pays out within PAYMENT_TIMEOUT_MS"/) } });
    const incident = log.runs[0]!.results!.find((r) => r.properties?.aspect === "untraced");
    const incidents = "test/fixtures/scenarios/payments/evidence/incidents.yaml";
    expect(incident?.relatedLocations?.[0]?.physicalLocation).toEqual({ artifactLocation: { uri: incidents }, region: { startLine: await lineOf(incidents, /id: INC-1057/) } });
  });

  it("takes its level from the finding's risk, and makes what blocks the release an error", async () => {
    const audit = await scenarioAudit("payments");
    const log = sarifLog(audit);
    const blocking = new Set(audit.verdict.blocking.flatMap((b) => b.findings));
    for (const pair of audit.pairs) {
      for (const f of pair.findings) {
        const result = byFinding(log, f.id);
        if (!result) continue;
        const expected = blocking.has(f.id) || f.risk === "high" ? "error" : f.risk === "medium" ? "warning" : f.risk === "low" ? "note" : f.kind === "probe-error" || f.kind === "stale-entry" ? "warning" : "note";
        expect(result.level, f.id).toBe(expected);
      }
    }
    // An accepted low-impact entry's gap is a note, whatever its probe judged on its own.
    expect(byFinding(log, "staging-production/app-config/PAYMENTS_API_KEY/value")?.level).toBe("note");
    // A plain figure is not an alert.
    expect(byFinding(log, "staging-production/ci-tests/tests/summary")).toBeUndefined();
  });

  it("keeps partialFingerprints stable across runs, map edits above the entries and re-timed probes, and distinct per gap", async () => {
    const dir = await tempFolder("parity-sarif-map-");
    await cp(path.dirname(scenarioMap("payments")), dir, { recursive: true });
    const first = await runPipeline({ mapFile: path.join(dir, "parity-map.yaml"), now: FIXTURE_NOW, version: "0.1.0" });
    const map = path.join(dir, "parity-map.yaml");
    await writeFile(map, `# a comment added above everything, moving every line\n\n${await readFile(map, "utf8")}`);
    const second = await runPipeline({ mapFile: map, now: new Date(FIXTURE_NOW.getTime() + 86_400_000), version: "0.1.1" });
    const prints = (log: Log) => new Map(log.runs[0]!.results!.map((r) => [r.partialFingerprints![FINGERPRINT_KEY]!, r.locations![0]!.physicalLocation!.region?.startLine]));
    const a = prints(sarifLog(first.audit));
    const b = prints(sarifLog(second.audit));
    expect(a.size).toBe(sarifLog(first.audit).runs[0]!.results!.length);
    expect([...b.keys()].sort()).toEqual([...a.keys()].sort());
    const [print, line] = [...a][0]!;
    expect(b.get(print)).toBe(line! + 2);
  });

  it("writes parity.sarif from `parity audit --out` and prints it with --format sarif, the gate line on stderr", async () => {
    const dir = await tempFolder("parity-sarif-cli-");
    await cp(path.join(repoRoot, "test/fixtures/config-drift"), dir, { recursive: true });
    const out = await runCli(["audit", "--no-history", "--out", "parity.sarif"], { cwd: dir });
    expect(out.code).toBe(1);
    const log = JSON.parse(await readFile(path.join(dir, "parity.sarif"), "utf8")) as Log;
    expect(log.version).toBe("2.1.0");
    expect(log.runs[0]!.results!.some((r) => r.ruleId === "undeclared-gap" && r.level === "error")).toBe(true);
    expect(out.stderr).toMatch(/^Gate \(default\): FAILED, exit 1/m);
    const stdout = await runCli(["audit", "--no-history", "--format", "sarif"], { cwd: dir });
    expect((JSON.parse(stdout.stdout) as Log).runs[0]!.invocations![0]!.exitCode).toBe(1);
  });
});
