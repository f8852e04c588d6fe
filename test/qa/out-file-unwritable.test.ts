import { describe, expect, it } from "vitest";
import { runCli } from "../cli/run-cli.js";
import { configScenario } from "./scenario.js";


describe("--out naming a file parity cannot write", () => {
  it.each([
    [["audit", "--no-history", "--out"], "missing/report.txt", "its folder does not exist"],
    [["checklist", "--out"], ".", "it is a folder"],
    [["snapshot", "--env", "production", "--out"], "missing/prod.json", "its folder does not exist"],
  ])("%s is a usage error (exit 2) with the file and reason, no stack", async (args, out, why) => {
    const dir = await configScenario("", "A=1\n", "A=2\n");
    const result = await runCli([...args, out], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`parity: cannot write --out ${out}: ${why}`);
    expect(result.stderr).not.toMatch(/internal error|\n\s+at /);
  });
});
