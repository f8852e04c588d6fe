import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadMap } from "../../src/map/load.js";
import { runPipeline } from "../../src/pipeline.js";
import { collect } from "./helpers.js";
import { startRedis, type RedisServer } from "./redis-server.js";

// The cache probe inside a whole audit: named caches per environment, one of them a Redis
// that wants a password the map does not give. That probe fails; the audit goes on.
let dir: string;
const redis: Record<string, RedisServer> = {};

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "parity-cache-audit-"));
  [redis.stagingSessions, redis.productionSessions, redis.stagingJobs, redis.productionJobs] = await Promise.all([
    startRedis(["--maxmemory-policy", "allkeys-lru"]),
    startRedis(["--maxmemory-policy", "noeviction"]),
    startRedis(),
    startRedis([], { password: "jobs-secret-4411" }),
  ]);
});

afterAll(async () => {
  await Promise.all(Object.values(redis).map((r) => r.stop()));
  await rm(dir, { recursive: true, force: true });
});

const port = (r: RedisServer | undefined) => r!.port;

describe("cache probes in an audit", () => {
  it("compares the named caches, and a cache it cannot log in to is a probe error while the rest is reported", async () => {
    const file = path.join(dir, "parity-map.yaml");
    await writeFile(
      file,
      `version: 1
service: shop
environments:
  staging:
    caches:
      sessions: { url: "redis://127.0.0.1:${port(redis.stagingSessions)}" }
      jobs: { url: "redis://127.0.0.1:${port(redis.stagingJobs)}" }
  production:
    caches:
      sessions: { url: "redis://127.0.0.1:${port(redis.productionSessions)}" }
      jobs: { url: "redis://127.0.0.1:${port(redis.productionJobs)}" }
      locked: { url: "redis://:jobs-secret-4411@127.0.0.1:${port(redis.productionJobs)}" }
  qa:
    caches:
      locked: { url: "redis://:wrong-secret-9e2b@127.0.0.1:${port(redis.productionJobs)}" }
pairs:
  - { staging: staging, production: production }
  - { staging: qa, production: production }
probes:
  - { id: sessions-cache, kind: cache, cache: sessions, pairs: [staging-production] }
  - { id: jobs-cache, kind: cache, cache: jobs, pairs: [staging-production] }
  - { id: locked-cache, kind: cache, cache: locked, pairs: [qa-production] }
`,
    );
    const { audit } = await runPipeline({ mapFile: file, version: "test", now: new Date("2026-12-01T00:00:00Z") });
    const pair = audit.pairs[0]!;
    expect(pair.probes.filter((p) => p.status !== "skipped").map((p) => [p.id, p.status])).toEqual([
      ["sessions-cache", "ok"],
      ["jobs-cache", "error"],
    ]);
    expect(pair.probes[1]!.error).toMatch(/the server requires a password and cache\.url gives none/);
    const policy = pair.findings.find((f) => f.probe === "sessions-cache" && f.subject === "setting:maxmemory-policy")!;
    expect(policy).toMatchObject({ kind: "gap", declared: false, risk: "high", evidence: { staging: "allkeys-lru", production: "noeviction" }, dimension: "test-reliability" });
    // A password that works and one that does not: neither appears anywhere in the audit.
    const qa = audit.pairs.find((p) => p.staging === "qa")!;
    expect(qa.probes.find((p) => p.id === "locked-cache")!.error).toMatch(/cache redis:\/\/:«redacted»@127\.0\.0\.1:\d+: the server refused the password \(WRONGPASS\)/);
    const text = JSON.stringify(audit);
    expect(text).not.toContain("jobs-secret-4411");
    expect(text).not.toContain("wrong-secret-9e2b");
  });

  it("compares a live staging cache against a production snapshot file (cache.snapshot)", async () => {
    const production = await collect(redis.productionSessions!.url, "production");
    await writeFile(
      path.join(dir, "production.snapshot.json"),
      JSON.stringify({ format: "parity-snapshot", version: 1, service: "shop", environment: "production", collectedAt: "2026-11-30T00:00:00.000Z", probes: { "sessions-cache": { kind: "cache", data: production } } }),
    );
    const file = path.join(dir, "offline.yaml");
    await writeFile(
      file,
      `version: 1
service: shop
environments:
  staging: { cache: { url: "redis://127.0.0.1:${port(redis.stagingSessions)}" } }
  production: { cache: { snapshot: production.snapshot.json } }
pairs:
  - { staging: staging, production: production }
probes:
  - { id: sessions-cache, kind: cache }
`,
    );
    const { audit } = await runPipeline({ mapFile: file, version: "test", now: new Date("2026-12-01T00:00:00Z") });
    expect(audit.pairs[0]!.findings.map((f) => `${f.subject} ${f.risk}`)).toEqual(["setting:maxmemory-policy high"]);
  });

  it("is a map error when an environment has no cache for a cache probe", async () => {
    const file = path.join(dir, "no-cache.yaml");
    await writeFile(
      file,
      `version: 1
service: shop
environments:
  staging: { cache: { url: "redis://127.0.0.1:1" } }
  production: {}
pairs:
  - { staging: staging, production: production }
  - { staging: qa, production: production }
probes:
  - { id: sessions-cache, kind: cache }
`,
    );
    const loaded = await loadMap(file);
    expect(loaded.map).toBeUndefined();
    expect(loaded.problems.map((p) => p.message).join("\n")).toMatch(/environment "production" has no cache \(add environments\.production\.cache, or caches\.NAME\)/);
  });
});
