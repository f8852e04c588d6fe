import { describe, expect, it } from "vitest";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { buildFleet } from "../../src/fleet/build.js";
import type { Fleet } from "../../src/fleet/model.js";
import { runCli } from "../cli/run-cli.js";
import { scenarioAudit } from "../report/load.js";
import { fleetAudits, fleetFolder } from "./fleet-audits.js";

describe("parity fleet", () => {
  it("puts each service's gate and ratings side by side, worst first, with totals across the fleet", async () => {
    const audits = await fleetAudits(12);
    const dir = await fleetFolder(audits);
    const result = await runCli(["fleet", dir, "--format", "json"]);
    expect(result.code).toBe(0);
    const fleet = JSON.parse(result.stdout) as Fleet;
    expect(fleet.services).toHaveLength(12);
    for (const audit of audits) {
      const row = fleet.services.find((s) => s.service === audit.service)!;
      expect(row).toMatchObject({ passed: audit.verdict.passed, exitCode: audit.verdict.exitCode, summary: audit.verdict.summary, counts: audit.verdict.counts });
      expect(row.ratings["test-reliability"]).toBe(audit.overall["test-reliability"].rating);
    }
    expect(fleet.totals.failed + fleet.totals.passed + fleet.totals.incomplete).toBe(12);
    expect(fleet.totals.failed).toBe(audits.filter((a) => !a.verdict.passed).length);
    expect(fleet.totals.counts.undeclared).toBe(audits.reduce((n, a) => n + a.verdict.counts.undeclared, 0));
    // Worst first: every failed service comes before every passing one.
    const firstPass = fleet.services.findIndex((s) => s.passed);
    expect(fleet.services.slice(firstPass).every((s) => s.passed)).toBe(true);
  });

  it("groups one undeclared difference seen in many services into one row, with the services and owners affected", async () => {
    const audits = await fleetAudits(12);
    const fleet = JSON.parse((await runCli(["fleet", await fleetFolder(audits), "--format", "json"])).stdout) as Fleet;
    const shared = fleet.groups.find((g) => g.key === "config/SHARED_RETRY_BUDGET/value")!;
    const affected = audits.filter((a) => a.pairs.some((p) => p.findings.some((f) => f.subject === "SHARED_RETRY_BUDGET"))).map((a) => a.service);
    expect(shared.services.map((m) => m.service)).toEqual(affected.sort());
    expect(shared.services.length).toBe(4);
    expect(shared).toMatchObject({ probeKind: "config", subject: "SHARED_RETRY_BUDGET", aspect: "value", risk: "high" });
    // The regions scenario sees it on both of its pairs: one member, two pairs.
    expect(shared.services.find((m) => m.pairs.length === 2)?.pairs).toEqual(["eu", "us"]);
    expect(shared.owners).toEqual(expect.arrayContaining(["payments-team", "platform-team"]));
    // The widest drift comes first; a difference only one service has is a group of one.
    expect(fleet.groups[0]!.services.length).toBeGreaterThanOrEqual(shared.services.length);
    expect(fleet.groups.some((g) => g.services.length === 1)).toBe(true);

    const markdown = (await runCli(["fleet", await fleetFolder(audits), "--format", "markdown"])).stdout;
    expect(markdown).toMatch(/^# Parity fleet\n\n\*\*12 services: \d+ failed/);
    expect(markdown).toMatch(/\| high risk \| config \| `SHARED_RETRY_BUDGET` \| value \| 4: svc-000, svc-003, svc-006, svc-009 \|/);
    const terminal = (await runCli(["fleet", await fleetFolder(audits)])).stdout;
    expect(terminal).toMatch(/✖ \[high risk\] config · SHARED_RETRY_BUDGET · value — 4 services/);
    const html = (await runCli(["fleet", await fleetFolder(audits), "--format", "html"])).stdout;
    expect(html).toMatch(/^<!DOCTYPE html>/);
    expect(html).toContain("<code>SHARED_RETRY_BUDGET</code>");
    expect(html).not.toMatch(/<script|https?:\/\/(?!parity)/);
  });

  it("keeps only the newest audit of each service and map", async () => {
    const old = await scenarioAudit("all-clear");
    const newer = { ...(await scenarioAudit("payments")), generatedAt: "2026-11-27T10:00:00.000Z" };
    const fleet = buildFleet(
      [
        { ref: "old.json", audit: { ...old, service: "payments", map: newer.map } },
        { ref: "new.json", audit: newer },
      ],
      [],
      new Date(),
    );
    expect(fleet.services).toHaveLength(1);
    expect(fleet.services[0]).toMatchObject({ source: "new.json", passed: false });
    expect(fleet.audits).toBe(2);
  });

  it("names what it skipped in a folder: a snapshot, another tool's JSON, a version 1 audit", async () => {
    const dir = await fleetFolder(await fleetAudits(2));
    await mkdir(path.join(dir, "other"));
    await writeFile(path.join(dir, "other", "snapshot.json"), JSON.stringify({ format: "parity-snapshot", environment: "production", probes: {} }));
    await writeFile(path.join(dir, "other", "v1.json"), JSON.stringify({ schemaVersion: 1, service: "old", pairs: [] }));
    await writeFile(path.join(dir, "other", "broken.json"), "{ half");
    const result = await runCli(["fleet", dir, "--out", path.join(dir, "fleet.md")]);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain(`parity: skipped ${path.join(dir, "other", "snapshot.json")}: not a parity audit (no schemaVersion)`);
    expect(result.stderr).toMatch(/skipped .*v1\.json: a version 1 audit; this parity reads version 2 \(regenerate it with `parity audit --out FILE\.json`\)/);
    expect(result.stderr).toMatch(/skipped .*broken\.json: not JSON/);
    const markdown = await readFile(path.join(dir, "fleet.md"), "utf8");
    expect(markdown).toMatch(/^\*\*2 services: /m);
    expect(markdown).toContain("**Skipped 3 inputs:**");
  });

  it("refuses, clearly and with exit 2, a named file that is not a version 2 audit, a missing path, and a folder with no audit", async () => {
    const dir = await fleetFolder([]);
    await writeFile(path.join(dir, "v1.json"), JSON.stringify({ schemaVersion: 1, service: "old", pairs: [] }));
    const v1 = await runCli(["fleet", path.join(dir, "v1.json")]);
    expect(v1.code).toBe(2);
    expect(v1.stderr).toBe(`parity: ${path.join(dir, "v1.json")} is a version 1 audit; this parity reads version 2 (regenerate it with \`parity audit --out FILE.json\`)\n`);
    const missing = await runCli(["fleet", path.join(dir, "nope")]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("nope: no such file or folder");
    const empty = await runCli(["fleet", dir]);
    expect(empty.code).toBe(2);
    expect(empty.stderr).toContain(`parity: no parity audits found in ${dir} (1 JSON file skipped, listed above)`);
    const nothing = await runCli(["fleet"], { env: { PARITY_HISTORY: "" } });
    expect(nothing.code).toBe(2);
    expect(nothing.stderr).toContain("parity fleet reads saved audits");
  });
});
