import { describe, expect, it } from "vitest";
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { runCli } from "../cli/run-cli.js";
import { configScenario } from "./scenario.js";



describe("an audit whose extras cannot be written", () => {
  it("still prints the report and exits by the gate when history cannot be saved", async () => {
    const dir = await configScenario();
    await writeFile(path.join(dir, ".parity"), "a stray file where the history folder would go\n");
    const result = await runCli(["audit", "--format", "json"], { cwd: dir });
    expect(result.code).toBe(1);
    expect(JSON.parse(result.stdout).pairs[0].findings[0].subject).toBe("RETRY_LIMIT");
    expect(result.stderr).toContain("parity: could not save this audit to history: ENOTDIR");
    expect(result.stderr).not.toMatch(/internal error|\n\s+at /);
  });

  it("warns in GitHub Actions when the step summary file cannot be written", async () => {
    const dir = await configScenario();
    const summary = path.join(dir, "no-such-folder", "summary.md");
    const result = await runCli(["audit", "--no-history"], { cwd: dir, env: { GITHUB_ACTIONS: "true", GITHUB_STEP_SUMMARY: summary } });
    expect(result.code).toBe(1);
    expect(result.stdout).toContain("RETRY_LIMIT is 5 in staging and 3 in production");
    expect(result.stdout).toContain(`::warning title=parity::cannot write the step summary to ${summary}: ENOENT`);
    expect(result.stderr).not.toMatch(/internal error|\n\s+at /);
  });
});
