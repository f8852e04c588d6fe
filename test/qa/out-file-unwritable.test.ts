import { describe, expect, it } from "vitest";
import { mkdtemp, writeFile } from "node:fs/promises";
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
`;

describe("--out naming a file parity cannot write", () => {
  it.each([
    [["audit", "--no-history", "--out"], "missing/report.txt", "its folder does not exist"],
    [["checklist", "--out"], ".", "it is a folder"],
    [["snapshot", "--env", "production", "--out"], "missing/prod.json", "its folder does not exist"],
  ])("%s is a usage error (exit 2) with the file and reason, no stack", async (args, out, why) => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "parity-qa-out-"));
    await writeFile(path.join(dir, "parity-map.yaml"), map);
    await writeFile(path.join(dir, "staging.env"), "A=1\n");
    await writeFile(path.join(dir, "production.env"), "A=2\n");
    const result = await runCli([...args, out], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`parity: cannot write --out ${out}: ${why}`);
    expect(result.stderr).not.toMatch(/internal error|\n\s+at /);
  });
});
