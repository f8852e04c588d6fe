import { describe, expect, it } from "vitest";
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { runCli } from "../cli/run-cli.js";
import { CONFIG_MAP, scenario } from "./scenario.js";


// JSON that is not an audit: null, a snapshot file, an audit cut down by hand.
const notAudits: Array<[string, string]> = [
  ["null", "null\n"],
  ["a snapshot", JSON.stringify({ format: "parity-snapshot", version: 1, service: "qa", environment: "production", probes: {} })],
  ["a pair without findings", JSON.stringify({ schemaVersion: 2, service: "qa", generatedAt: "2026-11-26T00:00:00Z", pairs: [{}], upkeep: { stale: [], overdue: [] } })],
];

describe("--from a JSON file that is not an audit", () => {
  it.each(notAudits)("%s: checklist and map suggest say so and exit 2, without a stack", async (_label, text) => {
    const dir = await scenario({ "parity-map.yaml": CONFIG_MAP });
    await writeFile(path.join(dir, "other.json"), text);
    for (const args of [["checklist", "--from", "other.json"], ["map", "suggest", "--from", "other.json"]]) {
      const result = await runCli(args, { cwd: dir });
      expect(result.code, args.join(" ")).toBe(2);
      expect(result.stderr).toContain("parity: other.json is not a parity JSON audit");
      expect(result.stderr).not.toMatch(/internal error|\n\s+at /);
    }
  });

  it("a real JSON audit still works for both", async () => {
    const dir = await scenario({ "parity-map.yaml": CONFIG_MAP });
    await writeFile(path.join(dir, "staging.env"), "RETRY_LIMIT=5\n");
    await writeFile(path.join(dir, "production.env"), "RETRY_LIMIT=3\n");
    expect((await runCli(["audit", "--format", "json", "--out", "audit.json", "--no-history"], { cwd: dir })).code).toBe(1);
    const checklist = await runCli(["checklist", "--from", "audit.json"], { cwd: dir });
    expect(checklist.code).toBe(0);
    expect(checklist.stdout).toContain("RETRY_LIMIT is 5 in staging and 3 in production");
    const suggest = await runCli(["map", "suggest", "--from", "audit.json"], { cwd: dir });
    expect(suggest.code).toBe(0);
    expect(suggest.stdout).toContain("subject: RETRY_LIMIT");
  });
});
