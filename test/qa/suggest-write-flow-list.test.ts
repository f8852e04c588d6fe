import { describe, expect, it } from "vitest";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { runCli } from "../cli/run-cli.js";
import { CONFIG_MAP, configScenario } from "./scenario.js";

const extra = `differences: [ { id: keys, summary: API keys differ, dimension: security, impact: low, status: accepted, match: { probe: app-config, subject: "*_KEY" } } ]
`;

describe("map suggest --write into a flow-style differences list", () => {
  it("says why it cannot, instead of '0 problems in the map'", async () => {
    const dir = await configScenario(extra);
    await runCli(["audit"], { cwd: dir });
    const result = await runCli(["map", "suggest", "--write"], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("parity: `differences` is written as a flow list `[…]`; write it as a block list to add entries");
    expect(result.stderr).not.toContain("0 problems");
    expect(await readFile(path.join(dir, "parity-map.yaml"), "utf8")).toBe(CONFIG_MAP + extra);
  });
});
