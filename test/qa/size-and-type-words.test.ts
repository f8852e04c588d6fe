import { describe, expect, it } from "vitest";
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { runCli } from "../cli/run-cli.js";
import { tempFolder } from "../support/temp-folder.js";

const map = `version: 1
service: ""
environments: []
pairs: []
probes:
  - { id: l, kind: latency, request: { path: /x }, samples: 1.5, concurrency: 0, thresholds: { errorRate: -1 } }
  - { id: d, kind: data, tables: [] }
  - { id: s, kind: status }
`;

describe("map validate on sizes and types", () => {
  it("speaks the map author's words, not zod's 'Too small: expected string to have >=1 characters'", async () => {
    const dir = await tempFolder("parity-qa-words-");
    await writeFile(path.join(dir, "parity-map.yaml"), map);
    const result = await runCli(["map", "validate"], { cwd: dir });
    expect(result.code).toBe(2);
    const out = result.stdout + result.stderr;
    expect(out).not.toMatch(/Too small|Too big|record|>=/);
    expect(out).toContain('parity-map.yaml:2:10  service  must not be empty; got ""');
    expect(out).toContain("parity-map.yaml:3:15  environments  expected a mapping, got a list");
    expect(out).toContain("parity-map.yaml:4:8  pairs  needs at least one item; got []");
    expect(out).toContain("probes[0].samples  expected a whole number, got number 1.5");
    expect(out).toContain("probes[0].concurrency  must be > 0; got 0");
    expect(out).toContain("probes[0].thresholds.errorRate  must be ≥ 0; got -1");
    expect(out).toContain("probes[1].tables  needs at least one item; got []");
    expect(out).toContain('probes[2]  missing required key "requests" (expected a list)');
  });
});
