import { describe, expect, it } from "vitest";
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { runCli } from "../cli/run-cli.js";
import { tempFolder } from "../support/temp-folder.js";

const entry = (id: string, reviewBy: string) =>
  `  - { id: ${id}, summary: s, dimension: security, impact: low, status: open, reviewBy: ${reviewBy} }\n`;

describe("reviewBy dates", () => {
  it("rejects days a month lacks, and a non-date once", async () => {
    const dir = await tempFolder("parity-qa-date-");
    await writeFile(
      path.join(dir, "parity-map.yaml"),
      "version: 1\nservice: s\nenvironments: { a: {}, b: {} }\npairs: [ { staging: a, production: b } ]\ndifferences:\n" +
        entry("feb30", "2027-02-30") + entry("feb29", "2027-02-29") + entry("word", "tomorrow") + entry("leap", "2028-02-29"),
    );
    const result = await runCli(["map", "validate"], { cwd: dir });
    expect(result.code).toBe(2);
    const lines = result.stderr.split("\n").filter((l) => l.includes("reviewBy"));
    expect(lines).toEqual([
      'parity-map.yaml:6:88  differences[0].reviewBy  not a calendar date; got "2027-02-30"',
      'parity-map.yaml:7:88  differences[1].reviewBy  not a calendar date; got "2027-02-29"',
      'parity-map.yaml:8:87  differences[2].reviewBy  expected a date as YYYY-MM-DD; got "tomorrow"',
    ]);
  });
});
