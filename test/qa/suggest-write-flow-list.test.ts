import { describe, expect, it } from "vitest";
import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { runCli } from "../cli/run-cli.js";

const map = `version: 1
service: qa
environments:
  staging: { config: { file: staging.env } }
  production: { config: { file: production.env } }
pairs:
  - { staging: staging, production: production }
probes:
  - { id: app-config, kind: config }
differences: [ { id: keys, summary: API keys differ, dimension: security, impact: low, status: accepted, match: { probe: app-config, subject: "*_KEY" } } ]
`;

describe("map suggest --write into a flow-style differences list", () => {
  it("says why it cannot, instead of '0 problems in the map'", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "parity-qa-flow-"));
    await writeFile(path.join(dir, "parity-map.yaml"), map);
    await writeFile(path.join(dir, "staging.env"), "RETRY_LIMIT=5\n");
    await writeFile(path.join(dir, "production.env"), "RETRY_LIMIT=3\n");
    await runCli(["audit"], { cwd: dir });
    const result = await runCli(["map", "suggest", "--write"], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("parity: `differences` is written as a flow list `[…]`; write it as a block list to add entries");
    expect(result.stderr).not.toContain("0 problems");
    expect(await readFile(path.join(dir, "parity-map.yaml"), "utf8")).toBe(map);
  });
});
