#!/usr/bin/env node
// Benchmark: `parity fleet` over 500 audit files and `parity review` over 200 saved audits
// (issue 16). Reproduce with:  npm run build && node bench/fleet.mjs [--fleet 500] [--review 200] [--reps 5]
// The audits are real: the engine audits the scenario maps under test/fixtures/scenarios (their
// environments point at snapshot files), then each copy is varied as a fleet varies — renamed,
// dated, some undeclared gaps closed, one drift shared by every third service — and judged
// again by the engine's own verdict code. Each timed run is the whole CLI in a fresh process
// (Node start-up included), as CI runs it. The peer is jq 1.6+ doing the fleet's core (per-service
// gate and undeclared differences grouped by probe, subject and aspect) over the same files.
// Writes bench/results/fleet.md.
import { execFileSync, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { cpus, loadavg, tmpdir, totalmem } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const cli = join(root, "dist/src/cli/main.js");
const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const FLEET = arg("fleet", 500);
const REVIEW = arg("review", 200);
const REPS = arg("reps", 5);
const FIXTURE_NOW = new Date("2026-11-26T10:00:00.000Z");

if (!existsSync(cli)) execFileSync(process.execPath, [join(root, "node_modules/typescript/bin/tsc"), "-p", "tsconfig.json"], { cwd: root, stdio: "inherit" });
const dist = (p) => import(pathToFileURL(join(root, "dist", p)).href);
const { runPipeline } = await dist("src/pipeline.js");
const { sectionsOf } = await dist("src/assess/sections.js");
const { reverdict } = await dist("src/assess/verdict.js");
const { stampFirstSeen } = await dist("src/history/first-seen.js");

const pick = (seed, mod) => createHash("sha256").update(seed).digest().readUInt32BE(0) % mod;
const scenarios = ["payments", "all-clear", "probe-errors", "regions"];
const bases = [];
for (const s of scenarios) bases.push((await runPipeline({ mapFile: join(root, "test/fixtures/scenarios", s, "parity-map.yaml"), now: FIXTURE_NOW, version: "0.1.0" })).audit);

function shared(pair, i) {
  return { id: `${pair}/app-config/SHARED_RETRY_BUDGET/value`, pair, kind: "gap", declared: false, probe: "app-config", subject: "SHARED_RETRY_BUDGET", aspect: "value", dimension: "test-reliability", severity: "high", risk: "high", message: "SHARED_RETRY_BUDGET is 5 in staging and 2 in production", evidence: { staging: "5", production: `${2 + (i % 3)}` } };
}

/** One service's audit at one moment: gaps close and open deterministically with the date. */
function variant(base, service, at, salt) {
  const audit = structuredClone(base);
  audit.service = service;
  audit.map = `services/${service}/parity-map.yaml`;
  audit.generatedAt = at.toISOString();
  for (const pair of audit.pairs) {
    pair.findings = pair.findings.filter((f) => !(f.kind === "gap" && !f.declared && pick(`${service}/${f.id}/${salt}`, 4) === 0));
    if (pick(service, 3) === 0) pair.findings.push(shared(pair.name, pick(service, 97)));
    pair.sections = sectionsOf(pair.findings);
  }
  return reverdict(audit, audit.verdict.gate);
}

function time(args, label) {
  const runs = [];
  let rss = 0;
  for (let i = 0; i < REPS; i++) {
    const started = performance.now();
    const child = spawnSync("/usr/bin/time", ["-f", "%M", process.execPath, cli, ...args], { encoding: "utf8", maxBuffer: 1 << 30 });
    const ms = performance.now() - started;
    if (child.status !== 0) throw new Error(`${label} failed (${child.status}): ${child.stderr}`);
    rss = Math.max(rss, Number(child.stderr.trim().split("\n").pop()) / 1024);
    runs.push(ms);
  }
  runs.sort((a, b) => a - b);
  return { label, median: runs[Math.floor(runs.length / 2)], best: runs[0], rss, runs };
}

function timeJq(dir) {
  const program = 'map({service, passed: .verdict.passed, u: [.pairs[].findings[] | select(.kind == "gap" and .declared == false) | "\\(.probe)/\\(.subject)/\\(.aspect)"] | unique}) | {services: map({service, passed}), groups: ([.[] | .service as $s | .u[] | {k: ., s: $s}] | group_by(.k) | map({key: .[0].k, services: map(.s)}) | sort_by(-(.services | length)))}';
  const runs = [];
  for (let i = 0; i < REPS; i++) {
    const started = performance.now();
    const child = spawnSync("sh", ["-c", `find "${dir}" -name '*.json' -print0 | xargs -0 jq -s '${program}' > /dev/null`], { encoding: "utf8" });
    if (child.status !== 0) throw new Error(`jq failed: ${child.stderr}`);
    runs.push(performance.now() - started);
  }
  runs.sort((a, b) => a - b);
  return { label: `jq ${execFileSync("jq", ["--version"], { encoding: "utf8" }).trim()}: the same per-service gates and groups`, median: runs[Math.floor(runs.length / 2)], best: runs[0], rss: NaN, runs };
}

if (!existsSync("/usr/bin/jq") && !spawnSync("sh", ["-c", "command -v jq"]).stdout?.length) {
  // The peer comes from Debian's packages, as the other benches' peers do.
  execFileSync("sh", ["-c", "apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq jq >/dev/null"], { stdio: "inherit" });
}

const work = mkdtempSync(join(tmpdir(), "parity-bench-fleet-"));
const fleetDir = join(work, "audits");
let bytes = 0;
for (let i = 0; i < FLEET; i++) {
  const service = `svc-${String(i).padStart(3, "0")}`;
  const audit = variant(bases[i % bases.length], service, new Date(FIXTURE_NOW.getTime() + i * 60_000), "fleet");
  const folder = join(fleetDir, `parity-${service}`);
  mkdirSync(folder, { recursive: true });
  const text = `${JSON.stringify(audit, null, 2)}\n`;
  bytes += text.length;
  writeFileSync(join(folder, "parity.json"), text);
}

// A quarter of history: REVIEW audits of eight services, each audit dated from the ones before it.
const historyDir = join(work, "history");
mkdirSync(historyDir, { recursive: true });
const services = Array.from({ length: 8 }, (_, i) => `svc-${i}`);
const previous = new Map();
const start = new Date(FIXTURE_NOW.getTime() - 88 * 86_400_000);
for (let n = 0; n < REVIEW; n++) {
  const service = services[n % services.length];
  const at = new Date(start.getTime() + Math.floor((n * 88 * 86_400_000) / REVIEW));
  const audit = stampFirstSeen(variant(bases[services.indexOf(service) % bases.length], service, at, String(Math.floor(n / 40))), previous.get(service) ?? []);
  previous.set(service, [audit, ...(previous.get(service) ?? [])].slice(0, 30));
  writeFileSync(join(historyDir, `${audit.generatedAt.replace(/:/g, "-")}--${service}.json`), `${JSON.stringify(audit, null, 2)}\n`);
}

const loadBefore = loadavg()[0];
const rows = [
  time(["fleet", fleetDir, "--format", "json"], `parity fleet, ${FLEET} files → JSON`),
  time(["fleet", fleetDir, "--format", "terminal"], `parity fleet, ${FLEET} files → terminal`),
  time(["fleet", fleetDir, "--format", "html", "--out", join(work, "fleet.html")], `parity fleet, ${FLEET} files → HTML`),
  timeJq(fleetDir),
  time(["review", "--history", historyDir, "--since", "90d", "--format", "markdown"], `parity review, ${REVIEW} saved audits → markdown`),
  time(["review", "--history", historyDir, "--since", "90d", "--out", join(work, "review.html")], `parity review, ${REVIEW} saved audits → HTML with SVG charts`),
];
const loadAfter = loadavg()[0];
const fleetJson = JSON.parse(spawnSync(process.execPath, [cli, "fleet", fleetDir, "--format", "json"], { encoding: "utf8", maxBuffer: 1 << 30 }).stdout);
const shared500 = fleetJson.groups.find((g) => g.subject === "SHARED_RETRY_BUDGET");
rmSync(work, { recursive: true, force: true });

const date = new Date().toISOString().slice(0, 10);
const fmt = (ms) => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${Math.round(ms)} ms`);
const out = [
  "## Fleet and review (issue 16)",
  "",
  `${FLEET} audit files (${(bytes / 1048576).toFixed(1)} MB of JSON, one folder per service as a CI artifact download leaves them) from real audits of the four scenario maps, varied per service; ${REVIEW} saved audits of ${services.length} services over 88 days in a history folder, each dated from the ones before it. Each run is the whole CLI in a fresh process; median and best of ${REPS}; peak RSS of that process.`,
  "",
  "| command | median | best | peak RSS | runs (ms) |",
  "|---|---:|---:|---:|---|",
  ...rows.map((r) => `| ${r.label} | ${fmt(r.median)} | ${fmt(r.best)} | ${Number.isNaN(r.rss) ? "—" : `${Math.round(r.rss)} MiB`} | ${r.runs.map((x) => Math.round(x)).join(", ")} |`),
  "",
  `The fleet found ${fleetJson.services.length} services (${fleetJson.totals.failed} failed), ${fleetJson.groups.length} groups of undeclared differences, the shared drift as one row of ${shared500?.services.length ?? 0} services.`,
  "",
  `Machine: ${cpus().length} cores (${cpus()[0]?.model.trim()}), ${(totalmem() / 1073741824).toFixed(1)} GiB, Node ${process.version}; ${date}; 1-minute load average ${loadBefore.toFixed(2)} before and ${loadAfter.toFixed(2)} after (above ${cpus().length}, other work shared the cores and the times are upper bounds). Reproduce: \`npm run build && node bench/fleet.mjs --fleet ${FLEET} --review ${REVIEW} --reps ${REPS}\`.`,
  "",
];
mkdirSync(join(root, "bench/results"), { recursive: true });
writeFileSync(join(root, "bench/results/fleet.md"), out.join("\n"));
console.log(out.join("\n"));
