import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { latencyProbe } from "../../probes/latency/index.js";
import { statusProbe } from "../../probes/status/index.js";
import { Audit, httpEnv, options } from "./harness.js";
import { serve } from "./servers.js";
import type { Running } from "./servers.js";

describe("environment caps bound all HTTP probes together", () => {
  let server: Running;
  const starts: number[] = [];
  let inFlight = 0;
  let maxInFlight = 0;

  beforeAll(async () => {
    server = await serve((_req, res) => {
      starts.push(performance.now());
      maxInFlight = Math.max(maxInFlight, ++inFlight);
      setTimeout(() => {
        inFlight--;
        res.writeHead(200, { "content-type": "application/json" });
        res.end("{}");
      }, 40);
    });
  });
  afterAll(async () => {
    await server.close();
  });

  it("holds maxConcurrency and maxRatePerSecond across a latency and a status probe running at once", async () => {
    starts.length = 0;
    maxInFlight = 0;
    const env = httpEnv("production", { baseUrl: server.url, maxConcurrency: 2, maxRatePerSecond: 10 });
    const run = new Audit();
    // Both probes ask for far more than the environment allows.
    const latency = options(latencyProbe, { request: { path: "/l" }, samples: 20, warmup: 0, concurrency: 8, ratePerSecond: 50 });
    const status = options(statusProbe, { requests: [{ path: "/a" }, { path: "/b" }, { path: "/c" }], samplesPerRequest: 3 });
    const [snap] = await Promise.all([
      latencyProbe.collect(env, run.ctx(env, latency, "production")),
      statusProbe.collect(env, run.ctx(env, status, "production")),
    ]);
    await run.close();

    expect(starts).toHaveLength(29);
    expect(maxInFlight).toBe(2);
    // However late a request reaches the server, no second on the server's clock sees more
    // than the cap: parity holds each slot until a full second after the request completed.
    const perSecond = Math.max(...starts.map((t) => starts.filter((u) => u >= t && u < t + 1000).length));
    expect(perSecond).toBe(10);
    expect(snap).toMatchObject({ ratePerSecond: 10, concurrency: 2 });
    // 29 requests at ten per second cannot fit in less than two full windows.
    expect(starts[starts.length - 1] - starts[0]).toBeGreaterThanOrEqual(2000);
  });
});
