import { describe, expect, it } from "vitest";
import { ProbeError } from "../../src/errors.js";
import { testsProbe } from "../../probes/tests/index.js";
import { byAspect, collectContext, env, fixtures, options, run, scenario } from "./context.js";

const results = { staging: "staging/*.xml", production: "production/*.xml" };

describe("tests probe on the green-red scenario", async () => {
  const dir = scenario("green-red");
  const observations = await run(testsProbe, { results }, dir);

  it("flags every test that passes in staging and fails in production, high", () => {
    const greenRed = byAspect(observations, "staging-green-production-red");
    expect(greenRed.map((o) => o.subject)).toEqual(["checkout rejects an expired card", "checkout sends the receipt", "com.example.LedgerTest::reversesCharge"]);
    expect(greenRed.every((o) => o.severity === "high" && o.staging === "passed" && o.production === "failed")).toBe(true);
    expect(greenRed[2].message).toBe('"com.example.LedgerTest::reversesCharge" passes in staging but fails in production: Lock wait timeout exceeded; try restarting transaction');
  });

  it("never lets a password in a failure message through", () => {
    const receipt = observations.find((o) => o.subject === "checkout sends the receipt")!;
    expect(receipt.message).toContain("smtp://mailer:«redacted»@smtp.internal:587");
    expect(JSON.stringify(observations)).not.toContain("pr0d-mail-pass");
  });

  it("reports staging-red-production-green as medium", () => {
    const redGreen = byAspect(observations, "staging-red-production-green");
    expect(redGreen).toHaveLength(1);
    expect(redGreen[0]).toMatchObject({ subject: "checkout applies vouchers", severity: "medium" });
    expect(redGreen[0].message).toContain("voucher service returned 404");
  });

  it("reports flaky tests as measurements, never as an environment difference", () => {
    const flaky = byAspect(observations, "flaky");
    expect(flaky).toEqual([
      expect.objectContaining({ subject: "com.example.LedgerTest::settlesAtCutoff", kind: "measurement", staging: "flaky", production: "passed" }),
    ]);
    expect(flaky[0].message).toContain("is flaky in staging");
  });

  it("keeps the crashed file's problem visible without hiding the other files", () => {
    expect(byAspect(observations, "unreadable")).toEqual([
      expect.objectContaining({ subject: "production/search-crashed.xml", severity: "medium", staging: null, production: "production/search-crashed.xml:5: unclosed tag: failure" }),
    ]);
  });

  it("states counts and the rate in words in a measurement", () => {
    const [summary] = byAspect(observations, "summary");
    expect(summary.kind).toBe("measurement");
    expect(summary.message).toBe(
      "3 of 5 tests that pass in staging fail in production (60%); 1 test fails in staging but passes in production; flaky: 1 in staging, 0 in production (not counted as environment differences); ran on one side only: 1 in staging, 1 in production; 1 test skipped on at least one side; 1 results file could not be read.",
    );
    expect(summary.staging).toEqual({ files: 2, tests: 9, passed: 6, failed: 1, skipped: 1, flaky: 1 });
    expect(summary.production).toEqual({ files: 2, tests: 9, passed: 6, failed: 3, skipped: 0, flaky: 0 });
  });
});

describe("tests probe: merging runs", () => {
  it("a test that passed in one run and failed in another is flaky in that environment", async () => {
    const observations = await run(testsProbe, { results: { staging: ["junit/surefire.xml", "junit/jest-junit.xml"], production: "junit/surefire.xml" } }, fixtures);
    expect(byAspect(observations, "staging-green-production-red")).toEqual([]);
    expect(byAspect(observations, "flaky").map((o) => o.subject)).toEqual(["com.example.payments.LedgerTest::reversesCharge", "com.example.payments.LedgerTest::settlesAtCutoff"]);
  });

  it("reads every dialect in one glob", async () => {
    const opts = options(testsProbe, { results: { staging: "junit/{jest-junit,pytest,surefire,go-junit-report,phpunit}.xml" } });
    const snapshot = await testsProbe.collect(env("staging"), collectContext(testsProbe, opts, fixtures));
    expect(snapshot.files).toHaveLength(5);
    expect(snapshot.unreadable).toEqual([]);
    expect(snapshot.tests).toHaveLength(5 + 7 + 4 + 5 + 5);
    // The pytest setup error carried a DSN; the snapshot holds it redacted.
    expect(snapshot.tests.find((t) => t.id === "tests.test_db::test_connects")?.message).toContain("postgres://app:«redacted»@db.internal");
  });
});

describe("tests probe errors", () => {
  const collect = (raw: Record<string, unknown>, name = "staging", dir = fixtures) => testsProbe.collect(env(name), collectContext(testsProbe, options(testsProbe, raw), dir));

  it("names the missing environment", async () => {
    await expect(collect({ results: { production: "x/*.xml" } })).rejects.toThrow('results has no entry for environment "staging" (it has: production); add results.staging: <glob of JUnit XML files>');
  });

  it("says when a glob matches nothing", async () => {
    await expect(collect({ results: { staging: "nowhere/*.xml" } })).rejects.toThrow(`no files match results.staging ("nowhere/*.xml", relative to ${fixtures}`);
  });

  it("fails only when no file at all could be read, naming each with its line", async () => {
    const error = await collect({ results: { staging: "junit/{truncated,wrong-root,empty}.xml" } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProbeError);
    expect((error as Error).message).toBe(
      "none of the 3 JUnit file(s) for staging could be read: junit/empty.xml: the file is empty; junit/truncated.xml:5: unclosed tag: failure; junit/wrong-root.xml:2: the root element is <coverage>, expected <testsuites> or <testsuite>",
    );
  });

  it("rejects options that are not globs", () => {
    expect(() => options(testsProbe, { results: { staging: 3 } })).toThrow();
    expect(() => options(testsProbe, { results: {}, extra: true })).toThrow();
  });
});

describe("tests probe honours cancellation", () => {
  it("stops when the audit's signal is aborted instead of reporting files as unreadable", async () => {
    const opts = options(testsProbe, { results: { staging: "junit/*.xml" } });
    const controller = new AbortController();
    controller.abort(new Error("audit cancelled"));
    const ctx = { ...collectContext(testsProbe, opts, fixtures), signal: controller.signal };
    await expect(testsProbe.collect(env("staging"), ctx)).rejects.toThrow("audit cancelled");
  });
});
