import { describe, expect, it } from "vitest";
import { readdir } from "node:fs/promises";
import path from "node:path";
import { runCli } from "../cli/run-cli.js";
import { tempFolder } from "../support/temp-folder.js";

describe("parity init --map into a folder that does not exist", () => {
  it("is a usage error naming the file (exit 2), not an internal error with a stack", async () => {
    const dir = await tempFolder("parity-qa-init-");
    const result = await runCli(["init", "--map", "ops/parity/parity-map.yaml"], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("parity: cannot write ops/parity/parity-map.yaml: its folder does not exist");
    expect(result.stderr).not.toMatch(/internal error|\n\s+at /);
    expect(await readdir(dir)).toEqual([]);
  });
});
