import { describe, expect, it } from "vitest";
import { cp, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { repoRoot, runCli } from "./run-cli.js";
import { tempFolder } from "../support/temp-folder.js";

async function overdueScenario(): Promise<{ dir: string; summary: string }> {
  const dir = await tempFolder("parity-gha-");
  await cp(path.join(repoRoot, "test/fixtures/config-drift"), dir, { recursive: true });
  const map = path.join(dir, "parity-map.yaml");
  await writeFile(map, (await readFile(map, "utf8")).replace("reviewBy: 2099-01-15", "reviewBy: 2026-01-15"));
  const summary = path.join(dir, "summary.md");
  await writeFile(summary, "");
  return { dir, summary };
}

describe("parity audit in GitHub Actions", () => {
  it("annotates the overdue review on its line, the stale entry and the undeclared difference, and fills the step summary", async () => {
    const { dir, summary } = await overdueScenario();
    const result = await runCli(["audit", "--no-history"], { cwd: dir, env: { GITHUB_ACTIONS: "true", GITHUB_STEP_SUMMARY: summary, GITHUB_WORKSPACE: dir } });
    expect(result.code).toBe(1);
    const commands = result.stdout.split("\n").filter((l) => l.startsWith("::"));
    expect(commands).toContainEqual(expect.stringMatching(/^::warning file=parity-map\.yaml,line=22,col=15,.*review of "credit-bureau-sandbox" was due on 2026-01-15 \(overdue\)$/));
    expect(commands).toContainEqual(expect.stringMatching(/^::warning file=parity-map\.yaml,line=24,.*legacy-ledger/));
    expect(commands).toContainEqual(expect.stringMatching(/^::error file=parity-map\.yaml,.*PAYMENT_TIMEOUT_MS/));
    expect(await readFile(summary, "utf8")).toMatch(/^# Parity audit: payments/);
  });

  it("keeps a JSON report on stdout parseable: its annotations go to stderr", async () => {
    const { dir, summary } = await overdueScenario();
    const result = await runCli(["audit", "--no-history", "--format", "json"], { cwd: dir, env: { GITHUB_ACTIONS: "true", GITHUB_STEP_SUMMARY: summary, GITHUB_WORKSPACE: dir } });
    expect(JSON.parse(result.stdout).schemaVersion).toBe(2);
    expect(result.stderr).toMatch(/^::error file=parity-map\.yaml,.*PAYMENT_TIMEOUT_MS/m);
  });
});
