#!/usr/bin/env node
// Benchmark: what secret detection costs the config probe (issue 11, reliance item 4). Reproduce with:
//   node bench/secret-scan.mjs
// Builds parity (tsc), then turns a 10,000-key configuration into a snapshot with and without
// the look-alike scan (secretlint's recommended rules + the entropy test), median of RUNS each,
// interleaved, in this one process. Peers: none (secretlint is a project dependency).
import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const RUNS = 7;
const KEYS = 10_000;

execFileSync(process.execPath, [join(root, "node_modules/typescript/bin/tsc"), "-p", join(root, "tsconfig.json")], { stdio: "inherit" });
const { toSnapshot, secretLookingValues } = await import(pathToFileURL(join(root, "dist/probes/config/snapshot.js")).href);
const { findSecrets } = await import(pathToFileURL(join(root, "dist/src/secret-scan.js")).href);

// A realistic mix: numbers, flags, hosts, URLs (some with passwords), paths, ids, a few secrets.
const flat = {};
for (let i = 0; i < KEYS; i++) {
  const kind = i % 10;
  flat[`SERVICE_${i}_${["TIMEOUT_MS", "ENABLED", "HOST", "URL", "PATH", "REGION", "IMAGE", "RETRIES", "QUEUE", "NAME"][kind]}`] = [
    String(1000 + i), i % 3 ? "true" : "false", `svc-${i}.eu-west-1.internal`, `https://api-${i}.example.com/v2/items?page=1`, `/var/lib/app/${i}/data`,
    "eu-central-1", `registry.example.com/team/svc-${i}:1.${i % 50}.0`, String(i % 7), `orders-${i}-dlq`, `Payments Service ${i}`,
  ][kind];
}
for (let i = 0; i < 20; i++) flat[`ODD_${i}`] = `eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ1c2VyLSR7aX0ifQ.${Buffer.from(`sig-${i}-`.repeat(4)).toString("base64url")}`;

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const loadBefore = loadavg()[0];
await findSecrets(["warm up the rules"]);
const without = [], withScan = [], scanOnly = [];
let detected = 0;
for (let r = 0; r < RUNS; r++) {
  let t = performance.now();
  toSnapshot("bench", flat, ["*SECRET*", "*TOKEN*"]);
  without.push(performance.now() - t);
  t = performance.now();
  const found = await secretLookingValues(flat);
  const mid = performance.now();
  const snap = toSnapshot("bench", flat, ["*SECRET*", "*TOKEN*"], { detected: found });
  withScan.push(performance.now() - t);
  scanOnly.push(mid - t);
  detected = Object.values(snap.values).filter((v) => v.detected).length;
}
const date = new Date().toISOString().slice(0, 10);
const lines = [
  "## Secret detection (config probe)",
  "",
  `A ${KEYS.toLocaleString("en")}-key configuration (hosts, URLs, paths, image tags, numbers, flags) plus 20 JWTs under innocent names, turned into a snapshot. Median of ${RUNS} runs, interleaved, one process, after one warm-up scan.`,
  "",
  "| step | median | runs (ms) |",
  "|---|---|---|",
  `| toSnapshot without the scan (keyed hashes only) | ${median(without).toFixed(1)} ms | ${without.map((x) => x.toFixed(0)).join(", ")} |`,
  `| secretLookingValues (secretlint recommended + entropy) | ${median(scanOnly).toFixed(1)} ms | ${scanOnly.map((x) => x.toFixed(0)).join(", ")} |`,
  `| both (what the probe does) | ${median(withScan).toFixed(1)} ms | ${withScan.map((x) => x.toFixed(0)).join(", ")} |`,
  "",
  `Values found by their look: ${detected} of the 20 planted (and none of the ${KEYS.toLocaleString("en")} ordinary ones).`,
  "",
  `Machine: ${cpus().length} cores (${cpus()[0]?.model.trim()}), Node ${process.version}, ${date}; 1-minute load average ${loadBefore.toFixed(1)} before and ${loadavg()[0].toFixed(1)} after (above ${cpus().length} means other work shared the cores, so the times are upper bounds). Reproduce: \`node bench/secret-scan.mjs\`.`,
  "",
];
const out = lines.join("\n");
mkdirSync(join(root, "bench/results"), { recursive: true });
writeFileSync(join(root, "bench/results/secret-scan.md"), out);
console.log(out);
