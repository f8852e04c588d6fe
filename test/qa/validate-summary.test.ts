import { describe, expect, it } from "vitest";
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { runCli } from "../cli/run-cli.js";
import { tempFolder } from "../support/temp-folder.js";

describe("map validate's summary of a valid map", () => {
  it("counts in words that agree, and warns when there is no probe to run", async () => {
    const dir = await tempFolder("parity-qa-summary-");
    await writeFile(path.join(dir, "parity-map.yaml"), "version: 1\nservice: s\nenvironments: { a: {}, b: {} }\npairs: [ { staging: a, production: b } ]\n");
    const result = await runCli(["map", "validate"], { cwd: dir });
    expect(result.code).toBe(0);
    expect(result.stdout).toBe("parity-map.yaml is valid: 2 environments, 1 pair, 0 probes, 0 known differences.\n");
    expect(result.stderr).toContain("the map defines no probes, so an audit compares nothing");
  });

  it("says how to name another map the way map validate takes it, as its argument, not --map", async () => {
    const dir = await tempFolder("parity-qa-summary-");
    for (const args of [["map", "validate"], ["map", "validate", "--", "parity-map.yaml"]]) {
      const result = await runCli(args, { cwd: dir });
      expect(result.code).toBe(2);
      expect(result.stderr).toContain("parity-map.yaml  cannot read the map: no such file (create one with `parity init`, or name it: parity map validate FILE)");
    }
  });
});
