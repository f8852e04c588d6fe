import path from "node:path";
import { describe, expect, it } from "vitest";
import { ProbeError } from "../../src/errors.js";
import { incidentsProbe } from "../../probes/incidents/index.js";
import { byAspect, collectContext, env, options, run, scenario } from "./context.js";

const dir = scenario("incidents");
const entries = ["credit-bureau-sandbox", "tls-termination"];

describe("incidents probe on a YAML log", async () => {
  const observations = await run(incidentsProbe, { log: "incidents.yaml" }, dir, "2026-11-26T08:00:00Z", entries);

  it("names environment-caused incidents that trace to no map entry, loudest", () => {
    const untraced = byAspect(observations, "untraced");
    expect(untraced.map((o) => [o.subject, o.severity])).toEqual([
      ["INC-305", "high"],
      ["INC-288", "high"],
    ]);
    expect(untraced[0].message).toBe(
      "environment-caused incident INC-305 (2026-10-30) “Nightly settlement ran twice after the DST change; staging runs in UTC, production in Europe/Berlin” traces to no map entry: add a differences entry for the gap and set difference: on line 8 of incidents.yaml",
    );
    expect(untraced[1].message).toContain('names difference "webhook-retry-policy", which is not in the map');
  });

  it("names a log outside the map's folder by its file name, wherever the map lives", async () => {
    // Shown relative to the map when that is shorter ("../…"), absolute otherwise: either way the
    // advice names incidents.yaml, never a temporary folder's path.
    for (const log of ["../incidents.yaml", path.join(dir, "incidents.yaml")]) {
      const elsewhere = await run(incidentsProbe, { log }, path.join(dir, "map-folder"), "2026-11-26T08:00:00Z", entries);
      expect(byAspect(elsewhere, "untraced")[0]!.message).toMatch(/set difference: on line 8 of incidents\.yaml$/);
    }
  });

  it("reports incidents traced to an entry as measurements, with the entry id as subject", () => {
    const traced = byAspect(observations, "traced");
    expect(traced).toHaveLength(1);
    expect(traced[0]).toMatchObject({ subject: "credit-bureau-sandbox", kind: "measurement" });
    expect(traced[0].message).toBe(
      '2 environment-caused incidents in the last 90 days trace to map entry "credit-bureau-sandbox": INC-311 (2026-11-18) “Card payments failed for 40 minutes; the live bureau rejects requests the sandbox accepted”; INC-298 (2026-10-12) “Checkout timeouts during a bureau latency spike”',
    );
  });

  it("summarises the window in words", () => {
    const [summary] = byAspect(observations, "summary");
    expect(summary).toMatchObject({ kind: "measurement", production: { incidents: 5, environment: 4, traced: 2, untraced: 2 } });
    expect(summary.message).toBe(
      "4 of 5 incidents in the last 90 days were caused by environment differences: 2 trace to map entries (credit-bureau-sandbox ×2), 2 trace to none (INC-305, INC-288).",
    );
  });

  it("leaves incidents outside the window out", () => {
    expect(JSON.stringify(observations)).not.toContain("INC-240");
  });
});

describe("incidents probe on a CSV log", () => {
  it("labels incidents without ids by date and summary, and scrubs passwords from summaries", async () => {
    const observations = await run(incidentsProbe, { log: "incidents.csv", windowDays: 40 }, dir, "2026-11-26T08:00:00Z", entries);
    const [untraced] = byAspect(observations, "untraced");
    expect(untraced.subject).toBe("2026-11-20 Exports failed: the job connected to postgres://reporting:«redacted»@replica.in…");
    expect(JSON.stringify(observations)).not.toContain("r3port-pw");
    expect(byAspect(observations, "traced").map((o) => o.subject)).toEqual(["tls-termination"]);
    expect(byAspect(observations, "summary")[0].message).toMatch(/^2 of 3 incidents in the last 40 days were caused by environment differences: 1 traces to map entries \(tls-termination\), 1 traces to none/);
  });

  it("says so when the window holds no incidents", async () => {
    const observations = await run(incidentsProbe, { log: "incidents.csv" }, dir, "2028-01-01T00:00:00Z", entries);
    expect(observations).toEqual([expect.objectContaining({ aspect: "summary", message: "No incidents in the last 90 days." })]);
  });
});

describe("incidents probe errors name file, line and problem", () => {
  it.each([
    ["bad-cause.yaml", 'bad-cause.yaml:5: cause "network" is not one of environment, code, data, unknown'],
    ["broken.yaml", "broken.yaml:5: not valid YAML: Flow sequence in block collection must be sufficiently indented and end with a ]"],
    ["bad-date.csv", 'bad-date.csv:3: date "01/11/2026" is not a date'],
    ["missing-column.csv", "missing-column.csv:1: missing column cause (found: date, summary)"],
    ["no-summary.yaml", "no-summary.yaml:2: summary is empty or missing"],
    ["wrong-key.yaml", 'wrong-key.yaml:1: expected a list (or a mapping with an "incidents" list)'],
  ])("%s", async (file, message) => {
    const ctx = collectContext(incidentsProbe, options(incidentsProbe, { log: file }), dir);
    const error = await incidentsProbe.collect(env("production"), ctx).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProbeError);
    expect((error as Error).message).toContain(message);
  });
});
