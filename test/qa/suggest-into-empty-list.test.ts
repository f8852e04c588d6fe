import { describe, expect, it } from "vitest";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { runCli } from "../cli/run-cli.js";
import { CONFIG_MAP, configScenario } from "./scenario.js";

const extra = "differences: []   # the known gaps, reviewed monthly\n";

describe("parity map suggest --write into `differences: []`", () => {
  it("keeps the line's comment on the differences line and leaves no trailing blank", async () => {
    const dir = await configScenario(extra);
    expect((await runCli(["audit"], { cwd: dir })).code).toBe(1);
    expect((await runCli(["map", "suggest", "--write"], { cwd: dir })).code).toBe(0);
    const text = await readFile(path.join(dir, "parity-map.yaml"), "utf8");
    const lines = text.split("\n");
    const at = lines.indexOf("differences:   # the known gaps, reviewed monthly");
    expect(at).toBe(9);
    expect(lines[10]).toBe("  - id: app-config-retry-limit");
    expect(text.match(/reviewed monthly/g)).toHaveLength(1);
    expect(text.slice(0, text.indexOf("differences:"))).toBe((CONFIG_MAP + extra).slice(0, (CONFIG_MAP + extra).indexOf("differences:")));
    expect((await runCli(["map", "validate"], { cwd: dir })).code).toBe(0);
    expect((await runCli(["audit", "--fail-on", "undeclared"], { cwd: dir })).code).toBe(0);
  });
});
