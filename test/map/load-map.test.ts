import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import path from "node:path";
import { formatProblem, parseMap } from "../../src/map/load.js";

const fixture = path.join(import.meta.dirname, "../fixtures/map/valid.yaml");
const valid = readFileSync(fixture, "utf8");
const today = new Date("2026-11-26T00:00:00Z");
const load = (text: string, env: NodeJS.ProcessEnv = {}) => parseMap(text, "parity-map.yaml", { env, today });

/** Replaces the first occurrence of `from` in the valid map, asserting it was there. */
function variant(from: string, to: string): string {
  expect(valid).toContain(from);
  return valid.replace(from, () => to);
}

describe("loading a valid map", () => {
  it("gives the map, no problems and each entry's line", () => {
    const loaded = load(valid);
    expect(loaded.problems).toEqual([]);
    expect(loaded.map?.service).toBe("payments");
    expect(loaded.map?.differences.map((d) => d.id)).toEqual(["credit-bureau-sandbox", "no-cdn"]);
    expect(loaded.entryLines.get("credit-bureau-sandbox")).toBe(15);
  });

  it("fills defaults the user left out", () => {
    const map = load(valid).map!;
    expect(map.differences[0]!.match?.subject).toBe("CREDIT_BUREAU_*");
    expect(map.environments.production!.http?.maxConcurrency).toBe(4);
    expect(map.environments.production!.http?.maxRatePerSecond).toBe(20);
  });
});

describe("map problems point at the spot", () => {
  it.each([
    ["unknown key with a did-you-mean", variant("    dimension: test-reliability", "    dimensoin: test-reliability"), 17, 5, "differences[0].dimensoin", /unknown key "dimensoin" — did you mean "dimension"\?/],
    ["enum value lists the allowed ones", variant("impact: high", "impact: hihg"), 18, 13, "differences[0].impact", /expected one of low, medium, high; got "hihg" — did you mean "high"\?/],
    ["number where a string was given", variant("reviewBy: 2027-01-15", "reviewBy: 2027-13-45"), 22, 15, "differences[0].reviewBy", /not a calendar date/],
    ["unknown probe kind", variant("kind: config", "kind: confgi"), 13, 29, "probes[0].kind", /unknown kind "confgi" — did you mean "config"\?/],
    ["wrong type names the value", variant("version: 1", 'version: "one"'), 2, 10, "version", /expected one of 1; got "one"/],
    ["pair naming an undefined environment", variant("{ staging: staging, production: production }", "{ staging: stagign, production: production }"), 11, 16, "pairs[0].staging", /environment "stagign" is not defined under environments — did you mean "staging"\?/],
    ["match naming no probe", variant("match: { probe: app-config", "match: { probe: app-confg"), 23, 21, "differences[0].match.probe", /no probe has the id "app-confg" — did you mean "app-config"\?/],
    ["duplicate difference ids", variant("  - id: no-cdn", "  - id: credit-bureau-sandbox"), 24, 9, "differences[1].id", /duplicate difference id "credit-bureau-sandbox" \(first used at differences\[0\]\)/],
    ["missing required key", variant("    summary: Staging has no CDN in front of it\n", ""), 24, 5, "differences[1]", /missing required key "summary"/],
    ["top-level typo", variant("service: payments", "servise: payments"), 3, 1, "servise", /unknown key "servise" — did you mean "service"\?/],
  ])("%s", (_name, text, line, column, keyPath, message) => {
    const problems = load(text).problems.filter((p) => p.severity === "error");
    const problem = problems.find((p) => p.path === keyPath);
    expect(problem, JSON.stringify(problems)).toBeDefined();
    expect(problem).toMatchObject({ line, column });
    expect(problem!.message).toMatch(message);
  });

  it("reports every problem at once, in file order", () => {
    const text = variant("impact: high", "impact: hihg").replace("dimension: deployment-friction", "dimension: speed").replace("kind: config", "kind: nope");
    const problems = load(text).problems;
    expect(problems.map((p) => p.path)).toEqual(["probes[0].kind", "differences[0].impact", "differences[1].dimension"]);
    expect(problems.map((p) => p.line)).toEqual([13, 18, 26]);
  });

  it("reports YAML syntax errors with their line", () => {
    const problems = load(variant("  - { staging: staging, production: production }", "  - { staging: staging, production: production")).problems;
    expect(problems.length).toBeGreaterThan(0);
    expect(problems[0]!.message).toMatch(/^YAML syntax:/);
    expect(problems[0]!.line).toBe(12);
  });

  it("formats a problem as FILE:LINE:COL  key.path  message", () => {
    const [problem] = load(variant("impact: high", "impact: hihg")).problems;
    expect(formatProblem(problem!)).toBe('parity-map.yaml:18:13  differences[0].impact  expected one of low, medium, high; got "hihg" — did you mean "high"?');
  });

  it("warns about overdue reviews without rejecting the map", () => {
    const loaded = parseMap(valid, "parity-map.yaml", { env: {}, today: new Date("2027-02-01T00:00:00Z") });
    expect(loaded.map).toBeDefined();
    expect(loaded.problems).toEqual([expect.objectContaining({ severity: "warning", line: 22, path: "differences[0].reviewBy", message: 'review of "credit-bureau-sandbox" was due on 2027-01-15 (overdue)' })]);
  });
});

describe("${VAR} interpolation", () => {
  it("uses the variable, or its default", () => {
    expect(load(valid, { PROD_TOKEN: "from-env" }).map!.environments.production!.http!.headers!.Authorization).toBe("Bearer from-env");
    expect(load(valid).map!.environments.production!.http!.headers!.Authorization).toBe("Bearer canary-token-123");
  });

  it("names an unset variable without default and where it is used", () => {
    const problems = load(variant("file: ./staging.env", 'file: "${STAGING_CONFIG}"')).problems;
    expect(problems).toEqual([
      expect.objectContaining({ line: 6, column: 21, path: "environments.staging.config.file", message: "environment variable STAGING_CONFIG is not set (set it, or give a default: ${STAGING_CONFIG:-value})" }),
    ]);
  });

  it("turns an unquoted ${VAR} into a number where one is expected", () => {
    const text = variant("    config: { file: ./production.env }", "    config:\n      file: ./production.env\n      timeoutMs: ${CONFIG_TIMEOUT}");
    expect(load(text, { CONFIG_TIMEOUT: "2500" }).map!.environments.production!.config!.timeoutMs).toBe(2500);
  });

  it("keeps $${ as a literal", () => {
    const text = variant("summary: Staging has no CDN in front of it", "summary: costs $${PRICE} a month");
    expect(load(text).map!.differences[1]!.summary).toBe("costs ${PRICE} a month");
  });
});
