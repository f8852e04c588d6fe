import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import path from "node:path";
import { parseMap } from "../../src/map/load.js";
import { mutant, random } from "./mutate.js";

// Real maps: the loader tests' map, the README's example and the CLI scenarios' maps.
const root = path.join(import.meta.dirname, "../..");
const SEEDS = ["test/fixtures/map/valid.yaml", "parity-map.example.yaml", "test/fixtures/canary/parity-map.yaml", "test/fixtures/config-drift/parity-map.yaml"].map((f) =>
  readFileSync(path.join(root, f), "utf8"),
);
const MUTANTS = 3_000;

describe("fuzzed maps through the loader", () => {
  it(`${MUTANTS} mutants of real maps (seed 20261126): no crash, every problem located`, () => {
    const rng = random(20261126);
    const crashes: string[] = [];
    const unlocated: string[] = [];
    let rejected = 0;
    for (let i = 0; i < MUTANTS; i++) {
      const text = mutant(SEEDS, rng);
      try {
        const loaded = parseMap(text, "fuzz.yaml", { env: { X: "1" }, today: new Date("2026-11-26T00:00:00Z") });
        if (!loaded.map) rejected++;
        for (const p of loaded.problems) {
          if (!(p.line >= 1 && p.column >= 1 && p.message)) unlocated.push(`mutant ${i}: ${JSON.stringify(p)}`);
        }
        if (loaded.map && loaded.problems.some((p) => p.severity === "error")) unlocated.push(`mutant ${i}: a map came back with errors`);
      } catch (error) {
        crashes.push(`mutant ${i}: ${(error as Error).stack?.split("\n").slice(0, 3).join(" | ")}\n${text.slice(0, 400)}`);
      }
    }
    expect(crashes.slice(0, 3)).toEqual([]);
    expect(unlocated.slice(0, 5)).toEqual([]);
    // The mutations must bite: most mutants are broken maps, some are still valid.
    expect(rejected).toBeGreaterThan(MUTANTS / 2);
    expect(rejected).toBeLessThan(MUTANTS);
  });
});
