// Many pairs, one staging: an audit of 1 staging against 1, 3 and 10 production targets (a
// schema probe on 100-table PostgreSQL databases, a latency probe on HTTP services in their own
// processes), run as `parity audit` from the built CLI. Reports wall time and what staging saw:
// statements on its database (counted on the wire by a proxy) and requests on its service.
// Goal (issue 12): staging's load constant in the number of pairs; wall time for 10 pairs ≤ 2×
// that of 1 pair for the schema probe.
//
//   npm run build && node bench/pairs.mjs [--pairs 1,3,10] [--tables 100] [--reps 3]
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { createPg, dropPg } from "./schema/generate.mjs";
import { startCountingProxy } from "./schema/count-proxy.mjs";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const pairCounts = arg("pairs", "1,3,10").split(",").map(Number);
const tables = Number(arg("tables", "100"));
const reps = Number(arg("reps", "3"));
const most = Math.max(...pairCounts);
const cli = join(root, "dist/src/cli/main.js");

/** A service in a process of its own that holds each request 5 ms and counts them. */
function startService(delayMs) {
  return new Promise((resolveStart, reject) => {
    const child = spawn(process.execPath, [join(root, "test/support/delay-server.mjs"), "--delay", String(delayMs)], { stdio: ["ignore", "pipe", "inherit"] });
    child.stdout.once("data", (d) => {
      const url = `http://127.0.0.1:${String(d).trim()}`;
      resolveStart({
        url,
        count: async () => (await (await fetch(`${url}/__parity_test/held`)).json()).count,
        close: () => child.kill("SIGTERM"),
      });
    });
    child.once("error", reject);
  });
}

function run(args) {
  return new Promise((resolveRun, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(process.execPath, [cli, ...args], { stdio: ["ignore", "ignore", "pipe"], env: { ...process.env, NO_COLOR: "1" } });
    let stderr = "";
    child.stderr.on("data", (d) => (stderr += d));
    child.on("error", reject);
    child.on("close", (code) => {
      // Exit 1 (a gate tripped: the regions differ) and 3 are audit outcomes, not failures.
      if (code !== 0 && code !== 1 && code !== 3) return reject(new Error(`parity exited ${code}: ${stderr.slice(0, 800)}`));
      resolveRun(Number(process.hrtime.bigint() - started) / 1e6);
    });
  });
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const dir = mkdtempSync(join(tmpdir(), "parity-bench-pairs-"));
const suffix = process.pid;
const dbs = [`parity_pairs_stg_${suffix}`, ...Array.from({ length: most }, (_, i) => `parity_pairs_prd${i}_${suffix}`)];
const loadBefore = loadavg()[0];
process.stderr.write(`creating ${dbs.length} databases of ${tables} tables …\n`);
const urls = [];
for (const [i, db] of dbs.entries()) urls.push(await createPg(db, tables, i === 0 ? "staging" : "production"));
const proxy = await startCountingProxy("postgres", 5432);
const services = [];
for (let i = 0; i <= most; i++) services.push(await startService(5));

function mapFile(n, probes) {
  const env = (name, url, service) => `  ${name}:\n    database: { url: "${url}" }\n    http: { baseUrl: "${service.url}", maxRatePerSecond: 50, maxConcurrency: 8 }`;
  const stagingUrl = urls[0].replace(":5432/", `:${proxy.port}/`);
  const text = [
    "version: 1",
    "service: regions",
    "environments:",
    env("staging", stagingUrl, services[0]),
    ...Array.from({ length: n }, (_, i) => env(`production-${i}`, urls[i + 1], services[i + 1])),
    "pairs:",
    ...Array.from({ length: n }, (_, i) => `  - { staging: staging, production: production-${i} }`),
    "probes:",
    ...probes,
  ].join("\n");
  const file = join(dir, `map-${n}-${probes.length}.yaml`);
  writeFileSync(file, `${text}\n`);
  return file;
}

const SCHEMA = "  - { id: db-schema, kind: schema, schemas: [public] }";
const LATENCY = "  - { id: api-latency, kind: latency, request: { path: /v1/score }, samples: 100, warmup: 5, ratePerSecond: 50, concurrency: 4 }";
const rows = [];
try {
  for (const n of pairCounts) {
    const schemaMap = mapFile(n, [SCHEMA]);
    const bothMap = mapFile(n, [SCHEMA, LATENCY]);
    const schemaTimes = [];
    const bothTimes = [];
    let statements = 0;
    let requests = 0;
    for (let r = 0; r < reps; r++) {
      schemaTimes.push(await run(["audit", "--map", schemaMap, "--no-history", "--format", "json"]));
      const s0 = proxy.count();
      const q0 = await services[0].count();
      bothTimes.push(await run(["audit", "--map", bothMap, "--no-history", "--format", "json"]));
      statements = proxy.count() - s0;
      requests = (await services[0].count()) - q0;
    }
    rows.push({ n, schemaMs: median(schemaTimes), bothMs: median(bothTimes), statements, requests });
    process.stderr.write(`${n} pairs: schema ${median(schemaTimes).toFixed(0)} ms, schema+latency ${median(bothTimes).toFixed(0)} ms, staging ${statements} statements / ${requests} requests\n`);
  }
} finally {
  await proxy.close();
  for (const s of services) s.close();
  for (const db of dbs) await dropPg(db);
  rmSync(dir, { recursive: true, force: true });
}

const one = rows.find((r) => r.n === 1) ?? rows[0];
const ten = rows.find((r) => r.n === most);
const lines = [
  `# Many pairs, one staging (\`node bench/pairs.mjs\`)`,
  "",
  `Machine: ${cpus().length} cores (${cpus()[0]?.model.trim()}), Node ${process.version}, PostgreSQL on 127.0.0.1; ${new Date().toISOString().slice(0, 10)}; ` +
    `1-minute load average ${loadBefore.toFixed(1)} before and ${loadavg()[0].toFixed(1)} after. ${tables}-table databases; latency: 100 samples + 5 warm-up at 50/s against a service holding 5 ms; median of ${reps}.`,
  "",
  "| pairs | schema audit | schema + latency audit | staging: statements | staging: requests |",
  "|---:|---:|---:|---:|---:|",
  ...rows.map((r) => `| ${r.n} | ${(r.schemaMs / 1000).toFixed(2)} s | ${(r.bothMs / 1000).toFixed(2)} s | ${r.statements} | ${r.requests} |`),
  "",
  `Staging's load constant in the number of pairs: ${rows.every((r) => r.statements === one.statements && r.requests === one.requests) ? "met" : "NOT met"}. ` +
    `Schema audit, ${most} pairs vs 1: ${(ten.schemaMs / one.schemaMs).toFixed(2)}× (goal ≤ 2×: ${ten.schemaMs <= 2 * one.schemaMs ? "met" : "not met"}).`,
  "",
  `Reproduce: \`npm run build && node bench/pairs.mjs --pairs ${pairCounts.join(",")} --tables ${tables} --reps ${reps}\``,
];
process.stdout.write(`${lines.join("\n")}\n`);
