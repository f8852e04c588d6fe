import { describe, expect, it } from "vitest";
import { formatProblem, parseMap } from "../../src/map/load.js";

const today = new Date("2026-11-26T00:00:00Z");
const map = (extra: string) => `version: 1
service: payments
environments:
  staging: { config: { file: ./staging.env } }
  production-eu: { config: { file: ./eu.env }, database: { snapshot: ${extra.includes("SNAPSHOT") ? extra.split("SNAPSHOT=")[1]!.split("\n")[0] : "./eu.json"} } }
  production-us: { config: { file: ./us.env } }
pairs:
  - { name: eu, staging: staging, production: production-eu }
  - { name: us, staging: staging, production: production-us }
probes:
  - { id: app-config, kind: config }
differences:
  - id: eu-currency
    summary: The eu region charges in EUR
    dimension: test-reliability
    impact: low
    status: accepted
${extra.includes("SNAPSHOT") ? "" : extra}`;

const problems = (text: string) => parseMap(text, "parity-map.yaml", { env: {}, today }).problems.map(formatProblem);

describe("differences[].pairs", () => {
  it("accepts the pairs the map defines", () => {
    expect(problems(map("    pairs: [eu]\n"))).toEqual([]);
  });

  it("names a pair that does not exist, with a did-you-mean, at its line and column", () => {
    expect(problems(map("    pairs: [eu, uss]\n"))).toEqual(['parity-map.yaml:18:17  differences[0].pairs[1]  no pair is named "uss" — did you mean "us"? (pairs: eu, us)']);
  });

  it("needs at least one pair when given", () => {
    expect(problems(map("    pairs: []\n"))).toEqual(["parity-map.yaml:18:12  differences[0].pairs  needs at least one item; got []"]);
  });
});

describe("snapshot references", () => {
  it.each([["./eu.json"], ["{ file: ./eu.json, maxAgeDays: 30 }"]])("accept %s", (ref) => {
    expect(problems(map(`SNAPSHOT=${ref}`))).toEqual([]);
  });

  it("reject a maxAgeDays that is not a positive number", () => {
    expect(problems(map("SNAPSHOT={ file: ./eu.json, maxAgeDays: soon }")).join("\n")).toMatch(/environments\.production-eu\.database\.snapshot/);
  });
});
