import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ownDelay } from "../../probes/latency/compare.js";
import { latencyProbe } from "../../probes/latency/index.js";
import { quantile } from "../../probes/latency/stats.js";
import type { LatencyFigures, LatencySnapshot } from "../../probes/latency/types.js";
import { ProbeError } from "../../src/errors.js";
import { audit, Audit, compareCtx, gaps, httpEnv, options } from "./harness.js";
import { delayed } from "./servers.js";
import type { Running } from "./servers.js";

// Timing tests share two cores with whatever else runs: those that need a quiet client may
// retry, and each bounds its tolerance by the event-loop stall parity measured itself.

// A fixed permutation of 1..100 ms: every value once per 100 requests, so over 200 requests
// the true nearest-rank p50 is 50 ms and p95 is 95 ms.
const perm = Array.from({ length: 100 }, (_, i) => ((i * 37) % 100) + 1);

describe("latency probe", () => {
  const servers: Running[] = [];
  const held: number[] = [];
  let known: Running, fast: Running, slow: Running, flaky: Running, jitter: Running;

  beforeAll(async () => {
    servers.push(
      (known = await delayed((i) => perm[i % 100], () => 200, held)),
      (fast = await delayed((i) => 2 + (i % 3))),
      (slow = await delayed((i) => 40 + (i % 5))),
      (flaky = await delayed(() => 1, (i) => (i % 10 === 9 ? 503 : 200))),
      (jitter = await delayed((i) => 2 + ((i * 7) % 5))),
    );
  });
  afterAll(async () => {
    await Promise.all(servers.map((s) => s.close()));
  });

  it("measures a known delay distribution close to its true percentiles", { retry: 2 }, async (ctx) => {
    const env = httpEnv("known", { baseUrl: known.url, maxConcurrency: 16, maxRatePerSecond: 200 });
    const opts = options(latencyProbe, { request: { path: "/x" }, samples: 200, warmup: 0, concurrency: 16, ratePerSecond: 100 });
    held.length = 0;
    const run = new Audit();
    const snap = await latencyProbe.collect(env, run.ctx(env, opts, "staging"));
    await run.close();
    const obs = latencyProbe.compare(snap, snap, compareCtx(opts, env, env));
    const fig = obs[0].staging as LatencyFigures;
    expect(fig.samples).toBe(200);
    // Nominal nearest-rank values are p50 50 ms and p95 95 ms; the truth is what the server
    // really held (its timers fire late on a busy machine). parity may add 3% and 3 ms (the
    // server shares this process, so writing and reading each answer waits its turn on the
    // same loop), plus its own delays at that percentile as the probe itself reports them.
    const truth = [...held].sort((a, b) => a - b);
    const [t50, t95] = [quantile(truth, 0.5), quantile(truth, 0.95)];
    // libuv runs timers by its loop's clock in whole milliseconds, so measured by the
    // high-resolution clock a hold may end up to a millisecond early (94.7 ms for 95, seen here).
    expect(t50).toBeGreaterThanOrEqual(49);
    expect(t95).toBeGreaterThanOrEqual(94);
    // When the server's own timers run more than 10 ms late, other work is starving this process
    // and no client could measure to the millisecond: nothing to judge.
    if (t50 - 50 > 10) ctx.skip(`machine too busy: the test server held p50 ${t50.toFixed(1)} ms for a nominal 50 ms`);
    expect(fig.p50Ms).toBeGreaterThanOrEqual(t50);
    expect(fig.p50Ms).toBeLessThan(t50 * 1.03 + 3 + ownDelay(snap, 0.5, "p50Ms"));
    expect(fig.p95Ms).toBeGreaterThanOrEqual(t95 * 0.99);
    expect(fig.p95Ms).toBeLessThan(t95 * 1.03 + 3 + ownDelay(snap, 0.95, "p95Ms"));
    expect(fig.errorRate).toBe(0);
    expect(fig.statusCounts).toEqual({ 200: 200 });
  });

  it("finds no gap in an A/A comparison, even with tight thresholds", async () => {
    const env = (name: string) => httpEnv(name, { baseUrl: jitter.url, maxConcurrency: 8, maxRatePerSecond: 200 });
    const raw = { request: { path: "/a" }, samples: 120, ratePerSecond: 100, concurrency: 4, thresholds: { p50Ms: 0.3, p95Ratio: 1.1 } };
    const { observations } = await audit(latencyProbe, raw, env("staging"), env("production"));
    expect(gaps(observations)).toEqual([]);
    // Only measurements: "no gap", or "inconclusive" per percentile when the noise forbids a verdict.
    expect(observations.length).toBeGreaterThan(0);
    for (const o of observations) expect(o).toMatchObject({ subject: "GET /a", kind: expect.stringMatching(/^(measurement|inconclusive)$/) });
  });

  it("reports a faster staging at p95 with both distributions on the same histogram bounds", { retry: 2 }, async () => {
    const { observations } = await audit(
      latencyProbe,
      { request: { path: "/v1/score", query: { customer: 42 } }, samples: 80, ratePerSecond: 100, concurrency: 10 },
      httpEnv("staging", { baseUrl: fast.url, maxRatePerSecond: 200, maxConcurrency: 10 }),
      httpEnv("production", { baseUrl: slow.url, maxRatePerSecond: 200, maxConcurrency: 10 }),
    );
    // Every observation carries both sides' figures, on the same histogram bounds.
    const s = observations[0].staging as LatencyFigures;
    const p = observations[0].production as LatencyFigures;
    for (const key of ["samples", "p50Ms", "p95Ms", "p99Ms", "maxMs", "errorRate", "timeouts", "statusCounts", "histogram"]) {
      expect(s).toHaveProperty(key);
    }
    expect(s.histogram.map(([b]) => b)).toEqual(p.histogram.map(([b]) => b));
    expect(s.histogram.reduce((n, [, c]) => n + c, 0)).toBe(80);
    expect(p.p95Ms).toBeGreaterThan(40);
    const [gap] = gaps(observations);
    if (!gap) {
      // A busy machine may make parity's own delays comparable to the gap; it must say so.
      expect(observations[0].message).toMatch(/^inconclusive: p95 differs .* parity's own delays/);
      return;
    }
    expect(gap).toMatchObject({ subject: "GET /v1/score?customer=42", aspect: "p95" });
    // 40 ms against 2–4 ms is "high" (over twice the 1.5× threshold); a busy machine can
    // inflate staging's tail enough to make it "medium".
    expect(gap.severity).toMatch(/^(high|medium)$/);
    expect(gap.message).toMatch(/^production p95 is \d+\.\d× staging's .*staging is faster/);
  });

  it("says inconclusive when the samples cannot support p95", async () => {
    const { observations } = await audit(
      latencyProbe,
      { request: { path: "/" }, samples: 30, ratePerSecond: 100 },
      httpEnv("staging", { baseUrl: fast.url, maxRatePerSecond: 200 }),
      httpEnv("production", { baseUrl: slow.url, maxRatePerSecond: 200 }),
    );
    expect(gaps(observations)).toEqual([]);
    expect(observations[0]).toMatchObject({ aspect: "p95", kind: "inconclusive" });
    expect(observations[0].message).toMatch(/^inconclusive: p95 needs at least 72 timed samples per side \(had staging 30, production 30\)/);
  });

  it("reports production's 503s even when its latency matches", { retry: 2 }, async () => {
    const { observations } = await audit(
      latencyProbe,
      { request: { path: "/" }, samples: 100, warmup: 0, ratePerSecond: 200, concurrency: 4 },
      httpEnv("staging", { baseUrl: fast.url, maxRatePerSecond: 400 }),
      httpEnv("production", { baseUrl: flaky.url, maxRatePerSecond: 400 }),
    );
    const errors = gaps(observations).find((o) => o.aspect === "error-rate");
    expect(errors).toMatchObject({ severity: "high" });
    expect(errors?.message).toMatch(/^production failed 10 of 100 \(10\.0%: 503 ×10\), staging failed 0 of 100/);
    expect((errors?.production as LatencyFigures).statusCounts).toEqual({ 200: 90, 503: 10 });
  });

  it("refuses unsafe methods unless allowed, and schedules that overrun the deadline", async () => {
    const env = httpEnv("s", { baseUrl: fast.url });
    const run = new Audit();
    const post = options(latencyProbe, { request: { method: "post", path: "/v1/score", json: { customer: 1 } } });
    await expect(latencyProbe.collect(env, run.ctx(env, post, "staging"))).rejects.toThrow(
      "POST /v1/score: only GET, HEAD, OPTIONS are sent unless the probe sets allowUnsafeMethods: true",
    );
    const long = options(latencyProbe, { request: { path: "/" }, samples: 1000, ratePerSecond: 10 });
    await expect(latencyProbe.collect(env, run.ctx(env, long, "staging", { timeoutMs: 5000 }))).rejects.toThrow(ProbeError);
    const allowed = options(latencyProbe, { request: { method: "POST", path: "/", json: {} }, samples: 5, warmup: 0, ratePerSecond: 50, allowUnsafeMethods: true });
    const snap = await latencyProbe.collect(env, run.ctx(env, allowed, "staging"));
    expect(snap.outcomes).toEqual([200, 200, 200, 200, 200]);
    await run.close();
  });

  it("calls a stalled parity event loop inconclusive rather than a gap", () => {
    const snap = (baseMs: number, loopMs: number): LatencySnapshot => ({
      request: "GET /",
      ratePerSecond: 10,
      concurrency: 2,
      requestTimeoutMs: 1000,
      latencyUs: Array.from({ length: 100 }, (_, i) => Math.round((baseMs + (i % 10) / 10) * 1000)),
      serviceUs: Array.from({ length: 100 }, () => baseMs * 1000),
      outcomes: Array.from({ length: 100 }, () => 200),
      lateUs: Array.from({ length: 100 }, () => 100),
      failures: {},
      eventLoopDelay: { p50Ms: loopMs, p95Ms: loopMs, p99Ms: loopMs, maxMs: loopMs },
      durationMs: 10_000,
    });
    const opts = options(latencyProbe, { request: { path: "/" }, thresholds: { p50Ms: 1 } });
    const env = httpEnv("x", {});
    const calm = latencyProbe.compare(snap(2, 0.5), snap(12, 0.5), compareCtx(opts, env, env));
    expect(gaps(calm)).toMatchObject([{ aspect: "p50", severity: "high" }]);
    const stalled = latencyProbe.compare(snap(2, 8), snap(12, 0.5), compareCtx(opts, env, env));
    expect(gaps(stalled)).toEqual([]);
    expect(stalled[0].message).toMatch(/^inconclusive: p50 differs .* parity's own delays \(event loop, late sends, queueing behind its concurrency\) reached 8\.00 ms at that percentile/);
  });
});
