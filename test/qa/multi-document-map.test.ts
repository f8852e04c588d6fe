import { describe, expect, it } from "vitest";
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { runCli } from "../cli/run-cli.js";
import { tempFolder } from "../support/temp-folder.js";

describe("a map file holding two YAML documents", () => {
  it("says so in the map author's terms, not the yaml library's API", async () => {
    const dir = await tempFolder("parity-qa-multidoc-");
    await writeFile(path.join(dir, "parity-map.yaml"), "version: 1\nservice: s\n---\nversion: 1\n");
    const result = await runCli(["map", "validate"], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stdout + result.stderr).toContain("parity-map.yaml:3:1  (top level)  YAML syntax: the file holds more than one YAML document");
    expect(result.stdout + result.stderr).not.toContain("parseAllDocuments");
  });
});
