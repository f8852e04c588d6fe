import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startDemoHttp } from "../../src/demo/http-services.js";
import type { DemoPart } from "../../src/demo/part.js";
import { latencyProbe } from "../../probes/latency/index.js";
import { statusProbe } from "../../probes/status/index.js";
import { audit, gaps, httpEnv } from "./harness.js";

// The probe entries and caps proposed for parity-map.example.yaml, verbatim.
const LATENCY = {
  request: { method: "POST", path: "/v1/score", json: { customer: 42 } },
  allowUnsafeMethods: true,
  samples: 100,
  ratePerSecond: 50,
  concurrency: 8,
  thresholds: { p95Ratio: 1.5, errorRate: 0.02 },
};
const STATUS = {
  requests: [{ path: "/v1/score", query: { customer: 42 } }, { path: "/v1/score/unknown", expect: 404 }, { path: "/v1/admin/users" }, { path: "/health", expect: 200 }],
  compare: { values: ["$.currency", "$.bureau"] },
};
const CAPS = { maxConcurrency: 8, maxRatePerSecond: 60 };

describe("the demo's HTTP services", () => {
  const dir = mkdtempSync(join(tmpdir(), "parity-demo-http-"));
  let demo: DemoPart;
  beforeAll(async () => {
    demo = await startDemoHttp(dir);
  });
  afterAll(async () => {
    await demo.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const envs = () =>
    [httpEnv("staging", { baseUrl: demo.env.STAGING_BASE_URL, ...CAPS }), httpEnv("production", { baseUrl: demo.env.PRODUCTION_BASE_URL, ...CAPS })] as const;

  it("shows a faster, never-failing staging", { retry: 2 }, async () => {
    const started = performance.now();
    const { observations } = await audit(latencyProbe, LATENCY, ...envs());
    expect(performance.now() - started).toBeLessThan(5000);
    // On a quiet machine the p95 gap is 15-fold ("high"). On a busy one parity may find its
    // own delays comparable and say so; what it must never say is "no gap".
    const aspects = gaps(observations).map((o) => o.aspect);
    const p95 = gaps(observations).find((o) => o.aspect === "p95");
    if (p95) expect(p95.severity).toMatch(/^(high|medium)$/);
    else expect(observations.find((o) => o.kind === "inconclusive")?.message).toMatch(/^inconclusive: p95 differs .* parity's own delays/);
    expect(aspects.filter((a) => a !== "p95")).toEqual(["error-rate"]);
    const errors = gaps(observations).find((o) => o.aspect === "error-rate")!;
    expect(errors.severity).toBe("medium");
    expect(errors.message).toMatch(/^production failed [5-7] of 100 \([5-7]\.0%: 503 ×[5-7]\), staging failed 0 of 100/);
  });

  it("shows the security-header and admin-endpoint differences", async () => {
    const { observations } = await audit(statusProbe, STATUS, ...envs());
    expect(gaps(observations).map((o) => `${o.subject} ${o.aspect} ${o.dimension ?? "-"} ${o.severity}`)).toEqual([
      "GET /v1/score?customer=42 body-shape - medium",
      "GET /v1/score?customer=42 $.bureau body-value - medium",
      "header Content-Security-Policy header security medium",
      "header Strict-Transport-Security header security medium",
      "GET /v1/admin/users status security medium",
    ]);
    // The same missing header on every request is one finding naming the requests.
    const hsts = observations.find((o) => o.subject === "header Strict-Transport-Security")!;
    expect(hsts.message).toMatch(/\(3 requests: GET \/v1\/score\?customer=42, GET \/v1\/score\/unknown, GET \/health\)$/);
    expect(hsts).toMatchObject({ staging: null, production: "max-age=63072000; includeSubDomains" });
    const csp = observations.find((o) => o.subject === "header Content-Security-Policy")!;
    expect(csp.production).toMatch(/^default-src 'none'; script-src 'nonce-[0-9a-f-]+' \(varies between responses\)$/);
  });
});
