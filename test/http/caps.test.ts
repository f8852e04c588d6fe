import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../cli/run-cli.js";
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

/** A server that counts what reaches it: starts per second and requests in flight. */
async function countingServer(holdMs: number) {
  const seen = { starts: [] as number[], inFlight: 0, maxInFlight: 0 };
  const running = await serve((_req, res) => {
    seen.starts.push(performance.now());
    seen.maxInFlight = Math.max(seen.maxInFlight, ++seen.inFlight);
    setTimeout(() => {
      seen.inFlight--;
      res.writeHead(200, { "content-type": "application/json" });
      res.end("{}");
    }, holdMs);
  });
  return {
    running,
    seen,
    reset: () => Object.assign(seen, { starts: [], inFlight: 0, maxInFlight: 0 }),
    /** The most requests that started within any one second. */
    perSecond: () => Math.max(0, ...seen.starts.map((t) => seen.starts.filter((u) => u >= t && u < t + 1000).length)),
  };
}

describe("caps have hard upper bounds that only --allow-load lifts", () => {
  let staging: Awaited<ReturnType<typeof countingServer>>;
  let production: Awaited<ReturnType<typeof countingServer>>;
  let dir: string;

  /** A map whose one status probe sends 30 requests × 4 samples to each environment's server. */
  const mapText = (http: string, extra = "") => `version: 1
service: caps
environments:
  staging: { http: { baseUrl: "${staging.running.url}", ${http} } }
  production: { http: { baseUrl: "${production.running.url}", ${http} } }
pairs:
  - { staging: staging, production: production }
probes:
  - id: status
    kind: status
    samplesPerRequest: 4
    requests: [${Array.from({ length: 30 }, (_, i) => `{ path: /r/${i} }`).join(", ")}]
${extra}`;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), "parity-caps-"));
    staging = await countingServer(200);
    production = await countingServer(200);
  });
  afterAll(async () => {
    await staging.running.close();
    await production.running.close();
    await rm(dir, { recursive: true, force: true });
  });

  async function audit(map: string, args: string[] = []) {
    await writeFile(path.join(dir, "parity-map.yaml"), map);
    staging.reset();
    production.reset();
    const result = await runCli(["audit", "--no-history", "--format", "json", ...args], { cwd: dir });
    const findings = (JSON.parse(result.stdout) as { pairs: Array<{ findings: Array<Record<string, unknown>> }> }).pairs[0]!.findings;
    return { ...result, findings };
  }

  it("a map asking for more than the bound is a map error naming the bound", async () => {
    await writeFile(
      path.join(dir, "parity-map.yaml"),
      mapText("maxConcurrency: 100000, maxRatePerSecond: 1e9", `  - { id: lat, kind: latency, request: { path: /l }, ratePerSecond: 5000, concurrency: 100, samples: 100000, requestTimeoutMs: 600000 }\n`),
    );
    staging.reset();
    const { code, stderr, stdout } = await runCli(["map", "validate"], { cwd: dir });
    expect(code).toBe(2);
    const out = stdout + stderr;
    expect(out).toMatch(/parity-map\.yaml:4:\d+ +environments\.staging\.http\.maxConcurrency +at most 16 requests in flight per environment: .*no map can raise that .*--allow-load RATE\/CONCURRENCY\); got 100000/);
    expect(out).toMatch(/environments\.staging\.http\.maxRatePerSecond +at most 50 requests per second per environment: .*; got 1000000000/);
    expect(out).toMatch(/probes\[1\]\.ratePerSecond +at most 1,000 \(and never more than the environment's http\.maxRatePerSecond, itself at most 50\); got 5000/);
    expect(out).toMatch(/probes\[1\]\.concurrency +at most 64 \(and never more than the environment's http\.maxConcurrency, itself at most 16\); got 100/);
    expect(out).toMatch(/probes\[1\]\.samples +at most 5,000 timed requests per environment/);
    expect(out).toMatch(/probes\[1\]\.requestTimeoutMs +at most 60,000 ms/);
    expect(staging.seen.starts).toHaveLength(0);
  });

  it("at the bounds, a server never sees more than 50 requests in a second or 16 at once", async () => {
    const { code, findings } = await audit(mapText("maxConcurrency: 16, maxRatePerSecond: 50"));
    expect(code).toBe(0);
    for (const server of [staging, production]) {
      expect(server.seen.starts).toHaveLength(120);
      expect(server.seen.maxInFlight).toBe(16);
      expect(server.perSecond()).toBe(50);
    }
    expect(findings.filter((f) => f.aspect === "raised")).toEqual([]);
  }, 30_000);

  it("--allow-load 100/40 raises them for this audit, and the report says so", async () => {
    const { code, findings } = await audit(mapText("maxConcurrency: 16, maxRatePerSecond: 50"), ["--allow-load", "100/40"]);
    expect(code).toBe(0);
    for (const server of [staging, production]) {
      expect(server.seen.starts).toHaveLength(120);
      expect(server.seen.maxInFlight).toBeGreaterThan(16);
      expect(server.seen.maxInFlight).toBeLessThanOrEqual(40);
      expect(server.perSecond()).toBeGreaterThan(50);
      expect(server.perSecond()).toBeLessThanOrEqual(100);
    }
    expect(findings.filter((f) => f.aspect === "raised")).toEqual([
      expect.objectContaining({
        subject: "http caps",
        kind: "measurement",
        message: "--allow-load raised the caps on staging and production to 100 requests/s and 40 in flight (the map's bound: 50/s and 16)",
        evidence: { staging: "100/s, 40 in flight (--allow-load)", production: "100/s, 40 in flight (--allow-load)" },
      }),
    ]);
  }, 30_000);

  it("a latency probe capped by one environment's rate says so, with both schedules", async () => {
    const map = `version: 1
service: caps
environments:
  staging: { http: { baseUrl: "${staging.running.url}", maxRatePerSecond: 10 } }
  production: { http: { baseUrl: "${production.running.url}", maxRatePerSecond: 40 } }
pairs:
  - { staging: staging, production: production }
probes:
  - { id: lat, kind: latency, request: { path: /l }, samples: 20, warmup: 0, ratePerSecond: 40, concurrency: 8 }
`;
    const { code, findings } = await audit(map);
    expect(code).toBe(0);
    expect(findings.filter((f) => f.aspect === "rate")).toEqual([
      expect.objectContaining({
        kind: "measurement",
        message:
          "sampled staging at 10/s instead of the 40/s asked: its environment's http.maxRatePerSecond caps it; the two sides ran different schedules (staging at 10/s, production at 40/s), so a latency that grows with load is compared at unequal load",
      }),
    ]);
  }, 30_000);

  it.each([["fast"], ["0/4"], ["100/0"], ["100000/4"], ["10/5000"]])("--allow-load %s is a usage error", async (value) => {
    await writeFile(path.join(dir, "parity-map.yaml"), mapText("maxConcurrency: 4"));
    const { code, stderr } = await runCli(["audit", "--no-history", "--allow-load", value], { cwd: dir });
    expect(code).toBe(2);
    expect(stderr).toContain(`--allow-load takes RATE/CONCURRENCY, requests per second (at most 10000) and requests in flight (1 to 1000), e.g. 200/32; got "${value}"`);
  });
});
