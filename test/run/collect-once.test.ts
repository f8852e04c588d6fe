import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { quantile } from "../../probes/latency/stats.js";
import type { LatencyFigures, LatencySnapshot } from "../../probes/latency/types.js";
import { runPipeline } from "../../src/pipeline.js";
// @ts-expect-error -- a plain .mjs helper shared with the schema benchmark
import { startCountingProxy } from "../../bench/schema/count-proxy.mjs";
import { myCreateDatabase, myDropDatabase, pgCreateDatabase, pgDropDatabase, uniqueName } from "../schema/helpers.js";
import { startDelayServer, type DelayServer } from "../support/delay-server.js";

// One staging shared by several production regions: every side must be collected once, so
// staging's database and service see the same statements and requests for one pair as for
// three. Counted where the target sees them: a proxy on the wire, the server's own tally.

interface Proxy {
  port: number;
  count(): number;
  close(): Promise<void>;
}

const PRODUCTIONS = ["production-eu", "production-us", "production-ap"];
const pgDbs = { staging: uniqueName("parity_once_stg"), ...Object.fromEntries(PRODUCTIONS.map((p) => [p, uniqueName("parity_once_prd")])) } as Record<string, string>;
const myDbs = { staging: uniqueName("parity_once_stg"), ...Object.fromEntries(PRODUCTIONS.map((p) => [p, uniqueName("parity_once_prd")])) } as Record<string, string>;
const PG_SCHEMA = "CREATE TABLE accounts (id int PRIMARY KEY, email text NOT NULL); CREATE INDEX accounts_email ON accounts (email);";
const MY_SCHEMA = "CREATE TABLE ledger (id int PRIMARY KEY, amount decimal(12,2) NOT NULL)";

let pgProxy: Proxy, myProxy: Proxy;
const services: Record<string, DelayServer> = {};
let dir: string;

function mapText(productions: string[]): string {
  const env = (name: string, pgPort: number, myPort: number) => `  ${name}:
    databases:
      main: { url: "postgres://postgres@127.0.0.1:${pgPort}/${pgDbs[name]}" }
      ledger: { url: "mysql://root@127.0.0.1:${myPort}/${myDbs[name]}" }
    http: { baseUrl: "${services[name]!.url}", maxRatePerSecond: 50, maxConcurrency: 8 }`;
  return `version: 1
service: regions
environments:
${env("staging", pgProxy.port, myProxy.port)}
${productions.map((p) => env(p, 5432, 3306)).join("\n")}
pairs:
${productions.map((p) => `  - { staging: staging, production: ${p} }`).join("\n")}
probes:
  - { id: main-schema, kind: schema, database: main, schemas: [public] }
  - { id: ledger-schema, kind: schema, database: ledger }
  - { id: api-status, kind: status, requests: [{ path: /health }, { path: /v1/ping }] }
`;
}

async function audit(productions: string[]) {
  const file = path.join(dir, `map-${productions.length}.yaml`);
  await writeFile(file, mapText(productions));
  const before = { pg: pgProxy.count(), my: myProxy.count(), http: await services.staging!.count() };
  const result = await runPipeline({ mapFile: file, version: "test", now: new Date("2026-12-01T00:00:00Z") });
  const after = { pg: pgProxy.count(), my: myProxy.count(), http: await services.staging!.count() };
  return { result, staging: { pg: after.pg - before.pg, my: after.my - before.my, http: after.http - before.http } };
}

describe("several pairs sharing one staging", () => {
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "parity-once-"));
    await Promise.all([
      ...Object.values(pgDbs).map((db) => pgCreateDatabase(db, PG_SCHEMA)),
      ...Object.values(myDbs).map((db) => myCreateDatabase(db, MY_SCHEMA)),
    ]);
    pgProxy = await startCountingProxy("postgres", 5432);
    myProxy = await startCountingProxy("mysql", 3306);
    for (const name of ["staging", ...PRODUCTIONS]) services[name] = await startDelayServer({ delayMs: 1 });
  });
  afterAll(async () => {
    await Promise.all([pgProxy?.close(), myProxy?.close(), ...Object.values(services).map((s) => s.close())]);
    await Promise.all([...Object.values(pgDbs).map(pgDropDatabase), ...Object.values(myDbs).map(myDropDatabase)]);
    await rm(dir, { recursive: true, force: true });
  });

  it("costs staging's databases and service the same for three pairs as for one", async () => {
    const one = await audit(PRODUCTIONS.slice(0, 1));
    const three = await audit(PRODUCTIONS);
    expect(one.staging.pg).toBeGreaterThan(0);
    expect(one.staging.my).toBeGreaterThan(0);
    // Two paths, sent three times each (the status probe samples each side against itself).
    expect(one.staging.http).toBe(6);
    expect(three.staging).toEqual(one.staging);
    // Every region was really audited: three pairs, each probe ran cleanly on each.
    expect(three.result.audit.pairs.map((p) => p.name)).toEqual(PRODUCTIONS.map((p) => `staging-${p}`));
    for (const pair of three.result.audit.pairs) expect(pair.probes.map((r) => `${r.id}:${r.status}`)).toEqual(["main-schema:ok", "ledger-schema:ok", "api-status:ok"]);
    for (const p of PRODUCTIONS) expect(await services[p]!.count()).toBe(p === PRODUCTIONS[0] ? 12 : 6);
  });

  it("compares every pair against the same staging snapshot", async () => {
    const { result } = await audit(PRODUCTIONS);
    const stagingSides = result.results.map((pair) => JSON.stringify(pair.results[0]!.snapshots!.staging));
    expect(new Set(stagingSides).size).toBe(1);
  });
});

describe("latency with one staging shared by three pairs", () => {
  const held: Record<string, DelayServer> = {};
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "parity-once-latency-"));
    // Service times long enough that 20% is more than a loaded machine's scheduling noise; the
    // defect this guards against read seconds for a few milliseconds.
    held.staging = await startDelayServer({ delayMs: 15, jitterMs: 2 });
    held.production = await startDelayServer({ delayMs: 150, jitterMs: 2 });
    held.twin = await startDelayServer({ delayMs: 15, jitterMs: 2 });
    held.capped = await startDelayServer({ delayMs: 15, jitterMs: 2 });
  });
  afterAll(async () => {
    await Promise.all(Object.values(held).map((s) => s.close()));
    await rm(dir, { recursive: true, force: true });
  });

  it("measures staging once, at its true service time, in every pair", { retry: 1 }, async (ctx) => {
    const file = path.join(dir, "latency.yaml");
    await writeFile(
      file,
      `version: 1
service: regions
environments:
  staging: { http: { baseUrl: "${held.staging!.url}", maxConcurrency: 8 } }
  production: { http: { baseUrl: "${held.production!.url}", maxConcurrency: 8 } }
  twin: { http: { baseUrl: "${held.twin!.url}", maxConcurrency: 8 } }
  capped: { http: { baseUrl: "${held.capped!.url}", maxRatePerSecond: 10, maxConcurrency: 8 } }
pairs:
  - { staging: staging, production: production }
  - { staging: staging, production: twin }
  - { staging: staging, production: capped }
probes:
  - { id: api-latency, kind: latency, request: { path: /v1/score }, samples: 80, warmup: 5, ratePerSecond: 20, concurrency: 8, thresholds: { p50Ms: 20, p95Ratio: 1.5 } }
`,
    );
    const before = await held.staging!.count();
    const result = await runPipeline({ mapFile: file, version: "test" });
    // Collected once: the warm-up plus the samples, not three times as many.
    expect((await held.staging!.count()) - before).toBe(85);
    const truth = (await held.staging!.held()).slice(before + 5).sort((a, b) => a - b);
    const t50 = quantile(truth, 0.5);
    // The server holds 15, 17 or 19 ms (median 17). When its own timers run that late, other work
    // is starving this machine and no client could measure to the millisecond: nothing to judge.
    if (t50 - 17 > 2) ctx.skip(`machine too busy: the staging server held p50 ${t50.toFixed(1)} ms for a nominal 17 ms`);
    for (const pair of result.results) {
      const snapshot = pair.results[0]!.snapshots!.staging as LatencySnapshot;
      const p50 = quantile(snapshot.latencyUs.filter((v): v is number => v !== null).sort((a, b) => a - b), 0.5) / 1000;
      // Within 20% of what the server held (plus a millisecond of loopback and parsing).
      expect(p50, `staging p50 in ${pair.pair.name}`).toBeLessThan(t50 * 1.2 + 1);
      expect(p50).toBeGreaterThanOrEqual(t50 * 0.95);
    }
    const [production, twin] = result.audit.pairs;
    const gaps = (pair: typeof production) => pair!.findings.filter((f) => f.kind === "gap" && !f.declared);
    expect(gaps(twin!)).toEqual([]);
    const p50 = gaps(production!).find((f) => f.aspect === "p50");
    expect(p50?.message).toMatch(/^production p50 is \d+(\.\d)?× staging's/);
    expect((p50!.evidence!.production as unknown as LatencyFigures).p50Ms).toBeGreaterThan((p50!.evidence!.staging as unknown as LatencyFigures).p50Ms * 5);
  });
});
