import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import path from "node:path";
import { withReference } from "../src/map/reference.js";
import { probes } from "../probes/index.js";
import { FAIL_ON_LEVELS } from "../src/types.js";

const readme = readFileSync(path.join(import.meta.dirname, "../README.md"), "utf8");

describe("the README is the front door", () => {
  it("gives the two commands", () => {
    expect(readme).toContain("npm ci && npm run demo");
    expect(readme).toContain("npm test");
  });

  it("has the map reference as the schema generates it (regenerate with `npm run docs`)", () => {
    expect(withReference(readme)).toBe(readme);
  });

  it("documents every probe kind and every --fail-on level", () => {
    for (const probe of probes) expect(readme).toContain(`kind: ${probe.kind}`);
    for (const level of FAIL_ON_LEVELS) expect(readme).toContain(`| \`${level}\` |`);
  });
});
