import { z } from "zod";
import { defineProbe, lazy } from "../../src/probe.js";
import { compareTests } from "./compare.js";
import type { TestsOptions, TestsSnapshot } from "./types.js";

const globs = z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]);

/**
 * Test reliability from real test runs: JUnit XML from each environment, compared test by test.
 * No target: it reads files, so it runs the same for live and snapshot environments.
 */
export const testsProbe = defineProbe<TestsOptions, TestsSnapshot>({
  kind: "tests",
  dimension: "test-reliability",
  nouns: { one: "test result differs", many: "test results differ" },
  description: "Compare JUnit test results from staging and production runs: tests green in staging but red in production",
  options: {
    results: z
      .record(z.string(), globs)
      .describe("JUnit XML files per environment name: a glob or list of globs, relative to the map (e.g. staging: reports/staging/**/*.xml)"),
  },
  defaultTimeoutMs: 60_000,
  // Loaded when the probe runs: its drivers stay out of `map validate` and other probes' audits.
  collect: lazy(async () => (await import("./collect.js")).collectTests),
  compare: (staging, production) => compareTests(staging, production),
});
