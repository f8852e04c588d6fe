import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { MAX_PROBLEMS, parseMap } from "../../src/map/load.js";
import { runCli } from "../cli/run-cli.js";
import { tempFolder } from "../support/temp-folder.js";

// Maps a hostile reviewer (or a bad merge) writes. On the code this started from, the first
// four threw out of the loader (an internal error, exit 70, with a stack trace) and the huge one
// took 11 s and ~1 GB for 400,005 problems.
const valid = readFileSync(path.join(import.meta.dirname, "../fixtures/map/valid.yaml"), "utf8");
const load = (text: string) => parseMap(text, "parity-map.yaml", { env: {}, today: new Date("2026-11-26T00:00:00Z") });
const bombLines = ["a: &a [x, x, x, x, x, x, x, x, x]", ...["b", "c", "d", "e", "f", "g"].map((n, i) => `${n}: &${n} [${Array(9).fill(`*${"abcdefg"[i]}`).join(", ")}]`)];

describe("the loader never throws: each oddity is a located map error", () => {
  it.each([
    ["an alias to no anchor", valid.replace("service: payments", "service: *nope"), 3, 10, /alias \*nope refers to no anchor/],
    ["an alias inside the value it names", valid.replace("service: payments", "service: &me [1, *me]"), 3, 18, /alias \*me is inside the value &me names/],
    ["a mapping that contains itself", valid.replace("service: payments", "service: &me { again: *me }"), 3, 23, /alias \*me is inside the value &me names/],
    ["an alias bomb", `${valid}${bombLines.join("\n")}\n`, 34, 12, /aliases expand the map to more than 200,000 values/],
    ["3,000-deep flow nesting", valid.replace("service: payments", `service: ${"[".repeat(3000)}${"]".repeat(3000)}`), 3, expect.any(Number), /nests (too deeply|more than 64 levels)/],
    ["100-deep nesting the parser can read", valid.replace("service: payments", `service: ${"[".repeat(100)}${"]".repeat(100)}`), 3, 73, /nests more than 64 levels deep/],
    ["a tab indenting a line", valid.replace("  production:\n", "\tproduction:\n"), 7, 1, /a tab indents this line; YAML indents with spaces only/],
    ["a duplicate key", valid.replace("service: payments", "service: payments\nservice: shop"), 4, 1, /the key "service" appears twice in this mapping \(first on line 3\)/],
    ["a list as a key", valid.replace("service: payments", "service: payments\n? [a, b]\n: 1"), 4, 3, /a key must be a name, not a list or mapping/],
  ])("%s", (_name, text, line, column, message) => {
    let loaded: ReturnType<typeof load> | undefined;
    expect(() => (loaded = load(text))).not.toThrow();
    expect(loaded!.map).toBeUndefined();
    const problem = loaded!.problems.find((p) => message.test(p.message));
    expect(problem, JSON.stringify(loaded!.problems)).toBeDefined();
    expect(problem).toMatchObject({ line, column, severity: "error" });
  });

  it("reads a map saved with a byte-order mark, with columns as the editor shows them", () => {
    const loaded = load(`\uFEFF${valid.replace(/^#.*\n/, "").replace("version: 1", "version: 2")}`);
    expect(loaded.problems).toEqual([expect.objectContaining({ line: 1, column: 10, path: "version" })]);
  });

  it("prints nothing of the yaml library's own on stderr (a key that is a mapping)", async () => {
    const dir = await tempFolder("parity-hostile-");
    await writeFile(path.join(dir, "parity-map.yaml"), valid.replace("service: payments", "service: payments\n{ a: 1 }: 2"));
    const result = await runCli(["map", "validate", path.join(dir, "parity-map.yaml")]);
    expect(result.code).toBe(2);
    expect(result.stderr).not.toMatch(/Warning|stringified|at .*\.js:\d+/);
    expect(result.stderr).toMatch(/parity-map\.yaml:4:1 {2}\(top level\) {2}a key must be a name, not a list or mapping/);
  });

  it("exits 2 with located problems, never 70 with a stack, through `map validate`", async () => {
    const dir = await tempFolder("parity-hostile-");
    const cases = { alias: valid.replace("service: payments", "service: *nope"), bomb: `${valid}${bombLines.join("\n")}\n`, deep: valid.replace("service: payments", `service: ${"[".repeat(3000)}${"]".repeat(3000)}`) };
    for (const [name, text] of Object.entries(cases)) {
      const file = path.join(dir, `${name}.yaml`);
      await writeFile(file, text);
      const result = await runCli(["map", "validate", file]);
      expect(result.code, `${name}: ${result.stderr}`).toBe(2);
      expect(result.stderr).not.toMatch(/internal error|\n\s+at /);
      expect(result.stderr).toMatch(new RegExp(`${name}\\.yaml:\\d+:\\d+ `));
    }
  });
});

describe("a huge map is bounded", () => {
  it("lists the first 100 problems in file order and counts the rest", () => {
    const entries = Array.from({ length: 2_000 }, (_, i) => `  - { id: d${i}, summary: s, dimension: speed, impact: huge, status: open }`).join("\n");
    const loaded = load(valid.replace("differences:\n", `differences:\n${entries}\n`));
    expect(loaded.problems).toHaveLength(MAX_PROBLEMS + 1);
    const lines = loaded.problems.map((p) => p.line);
    expect(lines).toEqual([...lines].sort((a, b) => a - b));
    expect(loaded.problems[0]).toMatchObject({ line: 15, path: "differences[0].dimension" });
    expect(loaded.omitted).toBe(4_000 - MAX_PROBLEMS);
    expect(loaded.problems[MAX_PROBLEMS]!.message).toBe("…and 3,900 more problems not listed (fix the ones above and validate again)");
    expect(loaded.problems[MAX_PROBLEMS]!.line).toBeGreaterThanOrEqual(loaded.problems[MAX_PROBLEMS - 1]!.line);
  });

  it("answers a 500 KB map of 160,000 empty entries at once, at the line where it becomes absurd", () => {
    const text = `${valid}extra: [${"{},".repeat(160_000)}]\n`;
    expect(text.length).toBeGreaterThan(450_000);
    const started = performance.now();
    const loaded = load(text);
    // A generous deadline (the machine is shared): on the old loader this took 11 s.
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(loaded.problems).toEqual([expect.objectContaining({ line: 29, message: expect.stringMatching(/more than 20,000 values by here/) })]);
  });

  it("says how big a file that is not a map is", () => {
    const loaded = load("x: y\n".padEnd(3 * 1024 * 1024, "#"));
    expect(loaded.problems).toEqual([expect.objectContaining({ line: 1, message: "the map is 3.0 MB; parity reads maps up to 2 MB (is this the right file?)" })]);
  });

  it("counts every problem, listed or not, in `map validate`'s summary", async () => {
    const dir = await tempFolder("parity-hostile-");
    const entries = Array.from({ length: 300 }, (_, i) => `  - { id: d${i}, summary: s, dimension: speed, impact: high, status: open }`).join("\n");
    await writeFile(path.join(dir, "parity-map.yaml"), valid.replace("differences:\n", `differences:\n${entries}\n`));
    const result = await runCli(["map", "validate", path.join(dir, "parity-map.yaml")]);
    expect(result.code).toBe(2);
    expect(result.stderr.trim().split("\n").filter((l) => l.startsWith(path.join(dir, "parity-map.yaml")) || /parity-map\.yaml:\d/.test(l))).toHaveLength(MAX_PROBLEMS + 1);
    expect(result.stderr).toMatch(/\n300 problems in .*parity-map\.yaml\.\n$/);
  });
});

describe("map validate reports every problem at once (cross-references with zod's)", () => {
  it("an unknown key, an undefined environment, an unknown probe, a duplicate id and an unknown pair, each at its line", () => {
    const text = valid
      .replace("impact: high", "impact: hihg") // zod
      .replace("{ staging: staging, production: production }", "{ staging: stagign, production: production }") // environment
      .replace("match: { probe: app-config", "match: { probe: app-confg") // probe id
      .replace("  - id: no-cdn", "  - id: credit-bureau-sandbox") // duplicate id
      .replace("{ id: app-config, kind: config, ignore: [BUILD_SHA] }", "{ id: app-config, kind: config, ignore: [BUILD_SHA], pairs: [nightly] }"); // pair
    const problems = load(text).problems;
    expect(problems.map((p) => [p.line, p.column, p.path])).toEqual([
      [11, 16, "pairs[0].staging"],
      [13, 66, "probes[0].pairs[0]"],
      [18, 13, "differences[0].impact"],
      [23, 21, "differences[0].match.probe"],
      [24, 9, "differences[1].id"],
    ]);
    expect(problems.map((p) => p.message)).toEqual([
      expect.stringMatching(/environment "stagign" is not defined under environments — did you mean "staging"\?/),
      expect.stringMatching(/no pair is named "nightly"/),
      expect.stringMatching(/expected one of low, medium, high; got "hihg"/),
      expect.stringMatching(/no probe has the id "app-confg" — did you mean "app-config"\?/),
      expect.stringMatching(/duplicate difference id "credit-bureau-sandbox" \(first used at differences\[0\]\)/),
    ]);
  });

  it("does not stumble on malformed parts (a pair that is a string, environments that is a list, a probe without an id)", () => {
    const text = valid
      .replace("  - { staging: staging, production: production }", "  - just-a-string\n  - { staging: 5, production: production }")
      .replace("  - { id: app-config, kind: config, ignore: [BUILD_SHA] }", "  - { kind: config }\n  - 7");
    let problems: ReturnType<typeof load>["problems"] = [];
    expect(() => (problems = load(text).problems)).not.toThrow();
    expect(problems.length).toBeGreaterThan(2);
    expect(problems.every((p) => p.line >= 1)).toBe(true);
    // The match names a probe the map no longer has: said in the same run as the zod problems.
    expect(problems.map((p) => p.path)).toContain("differences[0].match.probe");
    expect(load(valid.replace(/environments:[\s\S]*?pairs:/, "environments: [a, b]\npairs:")).problems.every((p) => p.line >= 1)).toBe(true);
  });
});

describe("unsafe methods are refused by map validate, at the method", () => {
  const withProbe = (probe: string) => valid.replace("differences:\n", `${probe}\ndifferences:\n`);
  it.each([
    ["latency DELETE", "  - { id: drop, kind: latency, request: { method: DELETE, path: /v1/users } }", 14, 51, "probes[1].request.method", "DELETE"],
    ["status post (any case)", "  - id: s\n    kind: status\n    requests:\n      - { path: /ok }\n      - { method: post, path: /v1/pay }", 18, 19, "probes[1].requests[1].method", "POST"],
  ])("%s", (_name, probe, line, column, keyPath, method) => {
    const problems = load(withProbe(probe)).problems;
    expect(problems).toEqual([
      expect.objectContaining({ line, column, path: keyPath, message: `${method} could change data on the target: only GET, HEAD, OPTIONS are sent unless the probe sets allowUnsafeMethods: true` }),
    ]);
  });

  it("accepts them with allowUnsafeMethods: true, and safe methods always", () => {
    expect(load(withProbe("  - { id: drop, kind: latency, allowUnsafeMethods: true, request: { method: DELETE, path: /v1/users } }")).problems).toEqual([]);
    expect(load(withProbe("  - { id: head, kind: latency, request: { method: head, path: /v1/users } }")).problems).toEqual([]);
  });
});
