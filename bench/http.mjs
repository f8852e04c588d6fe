#!/usr/bin/env node
// Benchmark of the latency probe (issues 4 and 13). Reproduce with:  node bench/http.mjs
// 1. Overhead: parity's p50 against undici's own Pool.request (issue 13, goal 6: parity's
//    closed-loop client within 60 µs of it), wrk, hey (Debian) and autocannon (npm) on the same
//    loopback server, one connection each, rounds interleaved.
// 2. Accuracy: a server holding each request for a known, skewed delay (5–50 ms); parity's p50
//    and p95 against what the server held, at 100/s and at 10/s. Goal: within 3%.
// Installs wrk and hey with apt-get and autocannon into bench/.peers when missing; compiles the
// probe with tsc into node_modules/.cache. Writes bench/results/http.md.
import { execFileSync, spawn, spawnSync } from "node:child_process";
import { connect } from "node:net";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { loadavg } from "node:os";
import { machineLine } from "./lib/machine.mjs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const build = join(root, "node_modules", ".cache", "parity-bench-http");
const peers = join(root, "bench", ".peers");
const ROUNDS = 3;
const SAMPLES = 2000;
// Well under what one connection can carry, so parity's open-model figure is not queueing.
const RATE = 200;

const has = (cmd) => spawnSync("sh", ["-c", `command -v ${cmd}`]).status === 0;

function ensurePeers() {
  const missing = ["wrk", "hey"].filter((c) => !has(c));
  if (missing.length) {
    if (spawnSync("apt-get", ["install", "-y", ...missing], { stdio: "inherit" }).status !== 0) {
      spawnSync("apt-get", ["update"], { stdio: "inherit" });
      spawnSync("apt-get", ["install", "-y", ...missing], { stdio: "inherit" });
    }
  }
  if (!existsSync(join(peers, "node_modules", "autocannon"))) {
    spawnSync("npm", ["install", "--prefix", peers, "--no-audit", "--no-fund", "autocannon@8"], { stdio: "inherit" });
  }
  return {
    wrk: has("wrk"),
    hey: has("hey"),
    autocannon: existsSync(join(peers, "node_modules", ".bin", "autocannon")),
  };
}

function compile() {
  execFileSync(
    process.execPath,
    [join(root, "node_modules/typescript/bin/tsc"), "--outDir", build, "--rootDir", root, "--module", "nodenext", "--moduleResolution", "nodenext", "--target", "es2022", "--skipLibCheck", "--types", "node", "--strict", join(root, "probes/latency/index.ts"), join(root, "probes/http/client.ts")],
    { stdio: "inherit" },
  );
}

async function startServer(mode) {
  const child = spawn(process.execPath, [join(root, "bench/http/server.mjs"), mode], { stdio: ["ignore", "pipe", "inherit"] });
  const port = await new Promise((resolve) => child.stdout.once("data", (d) => resolve(Number(String(d).trim()))));
  return { url: `http://127.0.0.1:${port}`, stop: () => child.kill() };
}

/** Runs the real probe's collect, as the runner would, against one environment. */
async function parity(url, o, caps) {
  const { latencyProbe } = await import(pathToFileURL(join(build, "probes/latency/index.js")).href);
  const { z } = await import("zod");
  const options = z.object(latencyProbe.options).parse({ request: { path: "/" }, ...o });
  const shared = new Map();
  const env = { name: "bench", http: { baseUrl: url, insecure: false, ...caps } };
  const ctx = {
    probeId: "bench",
    options,
    signal: new AbortController().signal,
    timeoutMs: 600_000,
    side: "production",
    mapDir: root,
    shared: (key, create) => (shared.has(key) ? shared.get(key) : shared.set(key, create()).get(key)),
  };
  try {
    const snap = await latencyProbe.collect(env, ctx);
    const obs = latencyProbe.compare(snap, snap, { probeId: "bench", options, staging: env, production: env, differenceIds: [], now: new Date() });
    const sorted = (a) => a.filter((v) => v !== null).sort((x, y) => x - y);
    const at = (a, q) => a[Math.ceil(q * a.length) - 1] / 1000;
    const lat = sorted(snap.latencyUs);
    const svc = sorted(snap.serviceUs);
    const late = sorted(snap.lateUs);
    return { p50: at(lat, 0.5), p95: at(lat, 0.95), p99: at(lat, 0.99), svcP50: at(svc, 0.5), svcP95: at(svc, 0.95), lateP50: at(late, 0.5), lateP95: at(late, 0.95), figures: obs[0].staging, loop: snap.eventLoopDelay };
  } finally {
    for (const r of shared.values()) await r.close();
  }
}

/** parity's HttpClient (caps, timer, bounded body read: everything a probe request does) in a closed loop, like wrk. */
async function parityClosedLoop(url) {
  const { HttpClient } = await import(pathToFileURL(join(build, "probes/http/client.js")).href);
  const client = new HttpClient({ baseUrl: url, maxConcurrency: 1, maxRatePerSecond: 1e6, insecure: false }, "bench");
  const signal = new AbortController().signal;
  const times = [];
  try {
    for (let i = 0; i < 200 + SAMPLES; i++) {
      const r = await client.send({ method: "GET", path: "/" }, { signal, timeoutMs: 10_000 });
      if (i >= 200) times.push(r.timing.endedAt - r.timing.sentAt);
    }
  } finally {
    await client.close();
  }
  times.sort((a, b) => a - b);
  return { p50: times[Math.ceil(times.length / 2) - 1] };
}

/** undici's Pool.request alone, closed loop: the floor parity's client is built on. */
async function undiciClosedLoop(url) {
  const { Pool } = await import("undici");
  const pool = new Pool(url, { connections: 1 });
  const times = [];
  try {
    for (let i = 0; i < 200 + SAMPLES; i++) {
      const t = performance.now();
      const res = await pool.request({ method: "GET", path: "/" });
      await res.body.arrayBuffer();
      if (i >= 200) times.push(performance.now() - t);
    }
  } finally {
    await pool.close();
  }
  times.sort((a, b) => a - b);
  return { p50: times[Math.ceil(times.length / 2) - 1] };
}

function wrk(url) {
  const out = execFileSync("wrk", ["-t1", "-c1", "-d5s", "--latency", `${url}/`], { encoding: "utf8" });
  const line = /^\s+50%\s+([\d.]+)(us|ms|s)/m.exec(out);
  const unit = { us: 0.001, ms: 1, s: 1000 }[line[2]];
  return { p50: Number(line[1]) * unit };
}

function hey(url) {
  // -o csv prints every request's response time in seconds (four decimals: 0.1 ms resolution).
  const out = execFileSync("hey", ["-n", String(SAMPLES), "-c", "1", "-o", "csv", `${url}/`], { encoding: "utf8", maxBuffer: 64 << 20 });
  const times = out.trim().split("\n").slice(1).map((l) => Number(l.split(",")[0]) * 1000).sort((a, b) => a - b);
  return { p50: times[Math.ceil(times.length / 2) - 1], resolution: "0.1 ms" };
}

function autocannon(url) {
  const bin = join(peers, "node_modules", ".bin", "autocannon");
  const out = execFileSync(bin, ["-c", "1", "-d", "5", "-j", `${url}/`], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] });
  return { p50: JSON.parse(out).latency.p50 };
}

/**
 * The floor under any HTTP client on this machine: 8 plain TCP sockets writing a fixed GET and
 * timing to the response's last byte, on the same schedule as parity (request i due at i/rate s,
 * on socket i % 8), against a fresh delay server. No HTTP library, no timers of its own: what it
 * reads above what the server held is the machine's (two processes waking on loopback), which no
 * client can take out.
 */
async function rawSocketAccuracy(rate) {
  const server = await startServer("delays");
  const port = Number(new URL(server.url).port);
  const sockets = await Promise.all(Array.from({ length: 8 }, () => new Promise((resolve, reject) => {
    const s = connect(port, "127.0.0.1", () => resolve(s));
    s.setNoDelay(true);
    s.once("error", reject);
  })));
  const times = [];
  try {
    const started = performance.now();
    const one = (i) => new Promise((resolve) => {
      const s = sockets[i % 8];
      let got = "";
      const sent = performance.now();
      const onData = (d) => {
        got += d;
        if (!got.endsWith("\r\n\r\nok")) return;
        times.push(performance.now() - sent);
        s.off("data", onData);
        resolve();
      };
      s.on("data", onData);
      s.write("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
    });
    const pending = [];
    for (let i = 0; i < 1000; i++) {
      const wait = started + (i * 1000) / rate - performance.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      pending.push(one(i));
    }
    await Promise.all(pending);
    const held = await (await fetch(`${server.url}/stats`)).json();
    const q = (a, x) => [...a].sort((m, n) => m - n)[Math.ceil(x * a.length) - 1];
    return { p50: q(times, 0.5), p95: q(times, 0.95), held: { p50: q(held, 0.5), p95: q(held, 0.95) } };
  } finally {
    for (const s of sockets) s.destroy();
    server.stop();
  }
}

const log = (...m) => console.error(`[bench/http] ${m.join(" ")}`);
const median = (a) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)];
const us = (ms) => `${Math.round(ms * 1000)} µs`;

async function overhead(tools) {
  const server = await startServer("fast");
  const runs = { parity: [], parityService: [], parityClosed: [], undici: [], wrk: [], hey: [], autocannon: [] };
  try {
    for (let r = 0; r < ROUNDS; r++) {
      log(`round ${r + 1}: parity`);
      const p = await parity(server.url, { samples: SAMPLES, warmup: 200, concurrency: 1, ratePerSecond: RATE }, { maxConcurrency: 1, maxRatePerSecond: 2 * RATE });
      log(`round ${r + 1}: parity's client in a closed loop, wrk, hey, autocannon`);
      runs.parityClosed.push((await parityClosedLoop(server.url)).p50);
      runs.undici.push((await undiciClosedLoop(server.url)).p50);
      runs.parity.push(p.p50);
      runs.parityService.push(p.svcP50);
      if (tools.wrk) runs.wrk.push(wrk(server.url).p50);
      if (tools.hey) runs.hey.push(hey(server.url).p50);
      if (tools.autocannon) runs.autocannon.push(autocannon(server.url).p50);
    }
  } finally {
    server.stop();
  }
  return runs;
}

async function accuracy(tools, rate) {
  log(`accuracy run (1,000 requests at ${rate}/s)`);
  const server = await startServer("delays");
  const DELAYS = delays();
  try {
    // warmup 0 and exactly one cycle of the delay list: every delay served once.
    const p = await parity(server.url, { samples: DELAYS.length, warmup: 0, concurrency: 8, ratePerSecond: rate }, { maxConcurrency: 8, maxRatePerSecond: 2 * rate });
    const held = await (await fetch(`${server.url}/stats`)).json();
    const q = (a, x) => [...a].sort((m, n) => m - n)[Math.ceil(x * a.length) - 1];
    // The same server under the reference tools (whole cycles of the list: the same distribution).
    let wrkRef = null;
    let heyRef = null;
    if (tools.wrk && rate === 100) {
      log("accuracy reference: wrk");
      const out = execFileSync("wrk", ["-t1", "-c8", "-d8s", "--latency", `${server.url}/`], { encoding: "utf8" });
      const line = /^\s+50%\s+([\d.]+)(us|ms|s)/m.exec(out);
      wrkRef = { p50: Number(line[1]) * { us: 0.001, ms: 1, s: 1000 }[line[2]] };
    }
    if (tools.hey && rate === 100) {
      log("accuracy reference: hey");
      const out = execFileSync("hey", ["-n", "1000", "-c", "8", "-o", "csv", `${server.url}/`], { encoding: "utf8", maxBuffer: 64 << 20 });
      const times = out.trim().split("\n").slice(1).map((l) => Number(l.split(",")[0]) * 1000);
      heyRef = { p50: q(times, 0.5), p95: q(times, 0.95) };
    }
    return { parity: p, wrk: wrkRef, hey: heyRef, truth: { p50: q(DELAYS, 0.5), p95: q(DELAYS, 0.95) }, held: { p50: q(held, 0.5), p95: q(held, 0.95) } };
  } finally {
    server.stop();
  }
}

if (process.argv[2] === "serve") throw new Error("run bench/http/server.mjs directly");
const tools = ensurePeers();
compile();
const loadBefore = loadavg()[0];
const o = await overhead(tools);
const accuracyRuns = [await accuracy(tools, 100), await accuracy(tools, 10)];
log("accuracy floor: raw sockets at 100/s and 10/s");
const rawRuns = [await rawSocketAccuracy(100), await rawSocketAccuracy(10)];
const a = accuracyRuns[0];
const loadAfter = loadavg()[0];
const met = (ok) => (ok ? "**met**" : "**not met**");
const overUndici = (median(o.parityClosed) - median(o.undici)) * 1000;

const row = (name, values, note = "") =>
  values.length ? `| ${name} | ${us(median(values))} | ${values.map(us).join(", ")} | ${note} |` : `| ${name} | not available | — | ${note || "peer could not be installed"} |`;
const wrkP50 = o.wrk.length ? median(o.wrk) : null;
const err = (m, t) => `${(((m - t) / t) * 100).toFixed(1)}%`;
const lines = [
  "## HTTP latency probe",
  "",
  `### Overhead on loopback (one connection, node:http server answering at once, in its own process)`,
  "",
  `Median p50 of ${ROUNDS} interleaved rounds. parity: the latency probe's own collect, ${SAMPLES} timed requests at ${RATE}/s (open model, measured from each intended send time), undici Pool; wrk \`-t1 -c1 -d5s\`; hey \`-n ${SAMPLES} -c 1\`; autocannon \`-c 1 -d 5\`.`,
  "",
  "| client | p50 (median of rounds) | per round | note |",
  "|---|---|---|---|",
  row("parity's client, closed loop (same request path as the probe)", o.parityClosed, wrkP50 !== null ? `${Math.round((median(o.parityClosed) - wrkP50) * 1000)} µs vs wrk (goal ≤ 30 µs)` : ""),
  row(`parity latency probe, open model at ${RATE}/s (from intended send time)`, o.parity, wrkP50 !== null ? `${Math.round((median(o.parity) - wrkP50) * 1000)} µs vs wrk` : ""),
  row(`parity latency probe, open model at ${RATE}/s (service time)`, o.parityService, ""),
  row("undici 7 Pool.request alone, closed loop", o.undici, `the floor under parity's client: parity's is ${Math.round(overUndici)} µs above it (goal ≤ 60 µs: ${met(overUndici <= 60)})`),
  row("wrk 4.1 (Debian)", o.wrk, "C, closed loop"),
  row("hey 0.1.4 (Debian)", o.hey, "Go; its CSV has 0.1 ms resolution"),
  row("autocannon (npm)", o.autocannon, "records whole milliseconds: sub-ms latencies read as 0 or 1 ms"),
  "",
  "### Accuracy with injected delays",
  "",
  `A server (own process) holds each request for a known delay, 5–50 ms with a long right tail (1,000 values, each served once; it sleeps short and spins the last 2 ms so the hold is exact). parity: ${DELAYSLEN()} timed requests at 100/s and at 10/s, concurrency 8, no warm-up.`,
  "",
  "| rate | | injected | held (measured by the server) | parity | parity vs held (goal ≤ 3%) | parity vs injected |",
  "|---|---|---|---|---|---|---|",
  ...accuracyRuns.flatMap((run, i) => {
    const rate = i === 0 ? "100/s" : "10/s";
    const e = (m, t) => Math.abs((m - t) / t) * 100;
    return [
      `| ${rate} | p50 | ${run.truth.p50.toFixed(3)} ms | ${run.held.p50.toFixed(3)} ms | ${run.parity.p50.toFixed(3)} ms | ${err(run.parity.p50, run.held.p50)} (${met(e(run.parity.p50, run.held.p50) <= 3)}) | ${err(run.parity.p50, run.truth.p50)} |`,
      `| ${rate} | p95 | ${run.truth.p95.toFixed(3)} ms | ${run.held.p95.toFixed(3)} ms | ${run.parity.p95.toFixed(3)} ms | ${err(run.parity.p95, run.held.p95)} (${met(e(run.parity.p95, run.held.p95) <= 3)}) | ${err(run.parity.p95, run.truth.p95)} |`,
      `| ${rate} | p50 / p95, raw TCP sockets on a fresh delay server (the floor) | | ${rawRuns[i].held.p50.toFixed(3)} / ${rawRuns[i].held.p95.toFixed(3)} ms | ${rawRuns[i].p50.toFixed(3)} / ${rawRuns[i].p95.toFixed(3)} ms | ${err(rawRuns[i].p50, rawRuns[i].held.p50)} / ${err(rawRuns[i].p95, rawRuns[i].held.p95)} | |`,
    ];
  }),
  a.wrk ? `| 100/s | p50, wrk \`-c8\` on the same server (closed loop) | | | ${a.wrk.p50.toFixed(3)} ms | (held not recorded for this run) | ${err(a.wrk.p50, a.truth.p50)} |` : "| wrk | not available | | | | | |",
  a.hey ? `| 100/s | p50 / p95, hey \`-c 8\` on the same server (closed loop) | | | ${a.hey.p50.toFixed(1)} / ${a.hey.p95.toFixed(1)} ms | (held not recorded for this run) | ${err(a.hey.p50, a.truth.p50)} / ${err(a.hey.p95, a.truth.p95)} |` : "| hey | not available | | | | | |",
  "",
  "\"Held\" is what the server actually did (its timers fire late when the machine is busy), so it is the truth the client can be held to; \"injected\" is the nominal list.",
  "",
  ...accuracyRuns.map((run, i) => {
    const raw = rawRuns[i];
    const above = (m, r, h) => `${(((m - r) / h) * 100).toFixed(1)}%`;
    return `At ${i === 0 ? "100/s" : "10/s"} raw TCP sockets with no HTTP library read p50 ${(raw.p50 - raw.held.p50).toFixed(3)} ms above what their server held: the round trip of two processes waking on this machine's loopback, which no client takes out. parity's p50 sits ${above(run.parity.p50 - run.held.p50, raw.p50 - raw.held.p50, run.held.p50)} of the held p50 above that floor, its p95 ${above(run.parity.p95 - run.held.p95, raw.p95 - raw.held.p95, run.held.p95)}.\n`;
  }),
  "",
  ...accuracyRuns.map((run, i) => `At ${i === 0 ? "100/s" : "10/s"} parity's service time (send → last byte) was p50 ${run.parity.svcP50.toFixed(3)} ms, p95 ${run.parity.svcP95.toFixed(3)} ms; its timers fired late by p50 ${run.parity.lateP50.toFixed(3)} ms, p95 ${run.parity.lateP95.toFixed(3)} ms (taken out of the latency, as parity's own doing); its event loop stalled p50 ${run.parity.loop.p50Ms} ms, p99 ${run.parity.loop.p99Ms} ms beyond the monitor's 5 ms interval.\n`),
  "Both runs measure the latency probe alone in its process, as the runner's timing phase runs it; with other probes sharing the event loop the figures are the runner's to show (issue 13, goal 7).",
  "",
  machineLine({ loadBefore, loadAfter, command: "node bench/http.mjs" }),
  "",
];
function DELAYSLEN() {
  return "1,000";
}

/** The same list bench/http/server.mjs serves (importing it would start a server). */
function delays() {
  return Array.from({ length: 1000 }, (_, i) => {
    const u = ((i * 617) % 1000) / 1000;
    return 5 + 45 * u * u;
  });
}
const text = lines.join("\n");
mkdirSync(join(root, "bench/results"), { recursive: true });
writeFileSync(join(root, "bench/results/http.md"), text);
console.log(text);
