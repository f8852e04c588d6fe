import { describe, expect, it } from "vitest";
import { ProbeError } from "../../src/errors.js";
import { deploymentsProbe } from "../../probes/deployments/index.js";
import { byAspect, collectContext, env, options, run, scenario } from "./context.js";

const dir = scenario("deploys");

describe("deployments probe on a CSV history", async () => {
  const observations = await run(deploymentsProbe, { history: "history.csv" }, dir);

  it("names each step production runs that staging never exercises, and the reverse", () => {
    expect(byAspect(observations, "steps").map((o) => [o.subject, o.severity, o.message])).toEqual([
      ["canary", "medium", 'production runs step "canary" that staging never exercises (in 10 of 10 production deploys in the last 90 days)'],
      ["change-approval", "medium", 'production runs step "change-approval" that staging never exercises (in 10 of 10 production deploys in the last 90 days)'],
      ["seed-fixtures", "low", 'staging runs step "seed-fixtures" that production never runs (in 20 of 20 staging deploys in the last 90 days)'],
    ]);
  });

  it("compares median durations as a ratio", () => {
    const [duration] = byAspect(observations, "duration");
    expect(duration).toMatchObject({ severity: "high", message: "production deploys take 7.5× as long: median 45 min vs 6 min", subject: "deploy duration", staging: "median 6 min", production: "median 45 min" });
  });

  it("compares failure rates, counting rollbacks as failures", () => {
    const [rate] = byAspect(observations, "failure-rate");
    expect(rate).toMatchObject({ subject: "deploy failure rate", severity: "high", staging: "5% (1 of 20)", production: "20% (2 of 10, 1 rolled back)" });
    expect(rate.message).toBe("deploys fail 20% of the time in production vs 5% in staging (2 of 10, 1 rolled back vs 1 of 20)");
  });

  it("states frequency as information when staging deploys more often", () => {
    const [frequency] = byAspect(observations, "frequency");
    expect(frequency).toMatchObject({ subject: "deploy frequency", kind: "measurement", staging: "20 deploys", production: "10 deploys" });
    expect(frequency.message).toBe("staging deployed 20 times and production 10 times in the last 90 days (1.6 vs 0.8 a week)");
  });

  it("leaves deploys outside the window out (the old legacy-manual-gate step is gone)", () => {
    expect(observations.some((o) => o.subject === "legacy-manual-gate")).toBe(false);
  });

  it("takes the window from the audit's clock, not the wall clock", async () => {
    const later = await run(deploymentsProbe, { history: "history.csv", windowDays: 30 }, dir, "2027-03-01T00:00:00Z");
    expect(byAspect(later, "frequency")[0]).toMatchObject({ severity: "medium", message: "staging has no deployments in the last 30 days, so its deploy process cannot be compared" });
    expect(byAspect(later, "duration")).toEqual([]);
  });
});

describe("deployments probe on NDJSON and declared pipelines", () => {
  it("reads NDJSON with array steps, offsets and rollbacks; pipelines fill in missing steps", async () => {
    const observations = await run(deploymentsProbe, { history: "history.ndjson", pipelines: { production: ["build", "change-approval", "deploy"] } }, dir);
    expect(byAspect(observations, "steps").map((o) => o.message)).toEqual(['production runs step "change-approval" that staging never exercises (declared in pipelines.production)']);
    expect(byAspect(observations, "duration")[0].message).toBe("production deploys take 5× as long: median 25 min vs 5 min");
    expect(byAspect(observations, "failure-rate")[0]).toMatchObject({ kind: "inconclusive", production: "50% (1 of 2, 1 rolled back)" });
    expect(byAspect(observations, "failure-rate")[0].message).toContain("too few production deploys to judge");
    expect(byAspect(observations, "frequency")[0]).toMatchObject({ kind: "measurement", staging: "2 deploys", production: "2 deploys" });
  });

  it("says steps cannot be compared when a side has none recorded or declared", async () => {
    const observations = await run(deploymentsProbe, { history: "history.ndjson" }, dir);
    expect(byAspect(observations, "steps")).toEqual([
      expect.objectContaining({ subject: "pipeline", kind: "inconclusive", message: "production's deploy steps are unknown (no steps recorded in the last 90 days and no pipelines.production in the map), so steps cannot be compared" }),
    ]);
  });
});

describe("deployments probe errors name file, line and problem", () => {
  const collect = (history: string, name = "staging") => deploymentsProbe.collect(env(name), collectContext(deploymentsProbe, options(deploymentsProbe, { history }), dir));

  it.each([
    ["missing-column.csv", "missing-column.csv:1: missing column finished_at (found: environment, started_at, result, steps)"],
    ["bad-date.csv", 'bad-date.csv:4: started_at "yesterday" is not a date (expected an ISO 8601 date such as 2026-11-20 or 2026-11-20T14:03:00Z)'],
    ["bad-result.csv", 'bad-result.csv:2: result "aborted" is not one of success, failure, rolled_back'],
    ["reversed.csv", "reversed.csv:2: finished_at 2026-11-01T09:05:00.000Z is before started_at 2026-11-01T10:00:00.000Z"],
    ["bad.ndjson", "bad.ndjson:2: not valid JSON"],
    ["short-row.csv", "short-row.csv:3: not valid CSV: Invalid Record Length: columns length is 4, got 2"],
    ["nope.csv", "nope.csv: file not found"],
    ["history.txt", 'history.txt: unsupported file type ".txt"; expected .csv, .ndjson/.jsonl'],
  ])("%s", async (file, message) => {
    const error = await collect(file).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProbeError);
    expect((error as Error).message).toContain(message);
  });

  it("an environment missing from the history lists the ones present", async () => {
    await expect(collect("history.csv", "stage")).rejects.toThrow('history.csv has no deployments of environment "stage" (environments in the file: production, qa, staging)');
  });
});
