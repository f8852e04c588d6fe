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
differences: []   # the known gaps, reviewed monthly
`;

describe("parity map suggest --write into `differences: []`", () => {
  it("keeps the line's comment on the differences line and leaves no trailing blank", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "parity-qa-suggest-"));
    await writeFile(path.join(dir, "parity-map.yaml"), map);
    await writeFile(path.join(dir, "staging.env"), "RETRY_LIMIT=5\n");
    await writeFile(path.join(dir, "production.env"), "RETRY_LIMIT=3\n");
    expect((await runCli(["audit"], { cwd: dir })).code).toBe(1);
    expect((await runCli(["map", "suggest", "--write"], { cwd: dir })).code).toBe(0);
    const text = await readFile(path.join(dir, "parity-map.yaml"), "utf8");
    const lines = text.split("\n");
    const at = lines.indexOf("differences:   # the known gaps, reviewed monthly");
    expect(at).toBe(9);
    expect(lines[10]).toBe("  - id: app-config-retry-limit");
    expect(text.match(/reviewed monthly/g)).toHaveLength(1);
    expect(text.slice(0, text.indexOf("differences:"))).toBe(map.slice(0, map.indexOf("differences:")));
    expect((await runCli(["map", "validate"], { cwd: dir })).code).toBe(0);
    expect((await runCli(["audit", "--fail-on", "undeclared"], { cwd: dir })).code).toBe(0);
  });
});
