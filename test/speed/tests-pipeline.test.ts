import { readFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { testsProbe } from "../../probes/tests/index.js";
import { parseJUnit } from "../../probes/tests/junit.js";
import { fileVerdicts } from "../../probes/tests/outcomes.js";
import type { TestsSnapshot } from "../../probes/tests/types.js";
import { collectContext, compareContext, env, fixtures, options } from "../evidence/context.js";

// The tests probe's pipeline after the parser was rebuilt for large suites (sorted records, no
// per-test tables, one file at a time); what a user sees must be what the repetition rules say.
const junit = path.join(fixtures, "junit");

async function snapshotOf(file: string): Promise<TestsSnapshot> {
  const opts = options(testsProbe, { results: { staging: file } });
  return testsProbe.collect(env("staging"), collectContext(testsProbe, opts, junit));
}

describe("the tests probe's records of one results file", () => {
  it.each(["pytest.xml", "surefire.xml", "jest-junit.xml", "go-junit-report.xml", "phpunit.xml"])("%s: one record per test, as the file's repetition rules decide, in id order", async (name) => {
    const snapshot = await snapshotOf(name);
    const verdicts = fileVerdicts(parseJUnit(await readFile(path.join(junit, name), "utf8")));
    expect(snapshot.tests.map((t) => [t.id, t.outcome])).toEqual([...verdicts.values()].map((v) => [v.id, v.outcome]).sort((a, b) => (a[0]! < b[0]! ? -1 : 1)));
  });
});

describe("comparing two environments' tests", () => {
  it("finds the same differences whether or not a snapshot lists its tests in id order", () => {
    const staging: TestsSnapshot = {
      environment: "staging",
      files: ["s.xml"],
      unreadable: [],
      tests: [
        { id: "b::pays", outcome: "passed" },
        { id: "a::refunds", outcome: "failed", message: "boom" },
        { id: "c::settles", outcome: "flaky", message: "reset" },
        { id: "d::exports", outcome: "passed" },
      ],
    };
    const production: TestsSnapshot = {
      environment: "production",
      files: ["p.xml"],
      unreadable: [],
      tests: [
        { id: "e::audits", outcome: "passed" },
        { id: "b::pays", outcome: "failed", message: "ledger down" },
        { id: "a::refunds", outcome: "passed" },
        { id: "c::settles", outcome: "passed" },
      ],
    };
    const sorted = (s: TestsSnapshot): TestsSnapshot => ({ ...s, tests: [...s.tests].sort((a, b) => (a.id < b.id ? -1 : 1)) });
    const ctx = compareContext(options(testsProbe, { results: {} }), "2026-11-26T08:00:00Z");
    const unsortedResult = testsProbe.compare(staging, production, ctx);
    expect(unsortedResult).toEqual(testsProbe.compare(sorted(staging), sorted(production), ctx));
    expect(unsortedResult.map((o) => `${o.aspect} ${o.subject}`)).toEqual([
      "staging-red-production-green a::refunds",
      "staging-green-production-red b::pays",
      "flaky c::settles",
      "summary tests",
    ]);
    expect(unsortedResult.at(-1)?.message).toBe(
      "1 of 1 test that pass in staging fail in production (100%); 1 test fails in staging but passes in production; flaky: 1 in staging, 0 in production (not counted as environment differences); ran on one side only: 1 in staging, 1 in production.",
    );
  });
});
