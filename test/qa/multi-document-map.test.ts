import { describe, expect, it, onTestFinished } from "vitest";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { runCli } from "../cli/run-cli.js";

describe("a map file holding two YAML documents", () => {
  it("says so in the map author's terms, not the yaml library's API", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "parity-qa-multidoc-"));
    onTestFinished(() => rm(dir, { recursive: true, force: true }));
    await writeFile(path.join(dir, "parity-map.yaml"), "version: 1\nservice: s\n---\nversion: 1\n");
    const result = await runCli(["map", "validate"], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stdout + result.stderr).toContain("parity-map.yaml:3:1  (top level)  YAML syntax: the file holds more than one YAML document");
    expect(result.stdout + result.stderr).not.toContain("parseAllDocuments");
  });
});
