#!/usr/bin/env node
// Benchmark: a 50 MB JUnit XML file, read alone (issue 6) and through a whole audit with one such
// file per side (issue 13, goal 5: the audit ≤ 1.5× the reader's own time for the same files,
// ≤ 250 MB peak memory). Reproduce with:  node bench/junit.mjs
// Compiles the tests probe's JUnit reader with tsc and the CLI as `npm ci` does, generates the
// files, then times each reader and the audit in its own child process (so peak memory is that
// process's alone), best of RUNS. Writes bench/results/junit.md. Peers: fast-xml-parser is a
// project dependency already.
import { execFileSync, spawn, spawnSync } from "node:child_process";
import { createWriteStream, existsSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { machineLine } from "./lib/machine.mjs";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
// Inside node_modules so the compiled module resolves saxes and fast-xml-parser as usual.
const build = join(root, "node_modules", ".cache", "parity-bench-junit");
const xmlFile = join(tmpdir(), "parity-bench-junit-50mb.xml");
// Production's run of the same suite: the same tests, some failing where staging's pass.
const productionFile = join(tmpdir(), "parity-bench-junit-50mb-production.xml");
const TARGET_BYTES = 50 * 1024 * 1024;
const RUNS = Number(process.env.RUNS ?? 3);
let PRODUCTION_EXTRA_FAILURES = 0; // counted by generate()

const variant = process.argv[2];
if (variant) await runVariant(variant);
else await main();

async function main() {
  execFileSync(process.execPath, [join(root, "scripts/build.mjs")], { stdio: "inherit" });
  execFileSync(process.execPath, [join(root, "node_modules/typescript/bin/tsc"), "--outDir", build, "--rootDir", root, "--module", "nodenext", "--moduleResolution", "nodenext", "--target", "es2022", "--skipLibCheck", "--types", "node", join(root, "probes/tests/junit.ts")], { stdio: "inherit" });
  const { cases, suites } = await generate(xmlFile, "staging");
  await generate(productionFile, "production", suites);
  const size = statSync(xmlFile).size;
  const rows = [];
  const loadBefore = loadavg()[0];
  for (const [name, label] of [
    ["stream", "parity: saxes, streamed from disk (what the probe does)"],
    ["memory", "parity: saxes, whole file read into a string first"],
    ["fxp", "fast-xml-parser 5: XMLValidator.validate + XMLParser.parse"],
    ["both", "parity's reader on both files (staging's and production's), one after the other"],
    ["audit", "whole `parity audit`, one tests probe, one file per side (terminal report)"],
  ]) {
    const runs = [];
    for (let i = 0; i < RUNS; i++) {
      const child = spawnSync(process.execPath, [fileURLToPath(import.meta.url), name], { encoding: "utf8" });
      if (child.status !== 0) throw new Error(`${name} failed: ${child.stderr}`);
      runs.push(JSON.parse(child.stdout.trim().split("\n").pop()));
    }
    const best = runs.reduce((a, b) => (b.ms < a.ms ? b : a));
    rows.push({ label, ...best, all: runs.map((r) => Math.round(r.ms)) });
  }
  const reader = rows.find((r) => r.label.startsWith("parity's reader on both"));
  const audit = rows.find((r) => r.label.startsWith("whole"));
  const ratio = audit.ms / reader.ms;
  const mb = audit.maxRssKb / 1024;
  const lines = [
    "## JUnit parsing (tests probe)",
    "",
    `A generated ${(size / 1048576).toFixed(1)} MB Surefire-style JUnit file: ${cases.toLocaleString("en")} test cases in nested suites, ~4% failures with 25-line stack traces, flakyFailure reruns, skips, CDATA system-out, entities. Best of ${RUNS} runs, each in a fresh process; peak RSS of that process.`,
    "",
    "| reader | time | MB/s | peak RSS | runs (ms) | cases |",
    "|---|---|---|---|---|---|",
    ...rows.map((r) => `| ${r.label} | ${(r.ms / 1000).toFixed(2)} s | ${Math.round(((typeof r.cases === "number" && r.cases <= cases ? 1 : 2) * size) / 1048576 / (r.ms / 1000))} | ${Math.round(r.maxRssKb / 1024)} MB | ${r.all.join(", ")} | ${r.cases.toLocaleString("en")} |`),
    "",
    `The probe streams with saxes: strict well-formedness (a truncated file is an error with its line) in one pass, holding only the results (memory grows with the number of tests, not the file size). fast-xml-parser's parser alone accepts truncated XML silently, so it needs its validator first — two passes over the whole string.`,
    "",
    `The audit reads staging's file and production's (the same ${cases.toLocaleString("en")} tests; production fails ${PRODUCTION_EXTRA_FAILURES.toLocaleString("en")} that pass in staging), compares them, writes the terminal report (NO_COLOR, to a pipe) and exits; no history. Its time against the reader's own time for the same two files: **${ratio.toFixed(2)}×** (goal ≤ 1.5×: ${ratio <= 1.5 ? "**met**" : "**not met**"}); its peak RSS **${mb.toFixed(0)} MB** (goal ≤ 250 MB: ${mb <= 250 ? "**met**" : "**not met**"}).`,
    "",
    machineLine({ loadBefore, command: "node bench/junit.mjs" }),
    "",
  ];
  const out = lines.join("\n");
  mkdirSync(join(root, "bench/results"), { recursive: true });
  writeFileSync(join(root, "bench/results/junit.md"), out);
  console.log(out);
}

/** Tests that pass in staging's file and fail in production's: one in 50. */
function failsOnlyInProduction(j, suite) {
  return (j + suite) % 50 === 17;
}

/** Deterministic generator (no randomness: the same file every run). */
async function generate(file, side, suites) {
  const out = createWriteStream(file);
  const write = (s) => (out.write(s) ? Promise.resolve() : new Promise((r) => out.once("drain", r)));
  let bytes = 0, cases = 0, suite = 0;
  await write('<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="big-monorepo" tests="0" failures="0">\n');
  const trace = Array.from({ length: 25 }, (_, i) => `\tat com.example.module.Service${i}.call(Service${i}.java:${40 + i})`).join("\n");
  while (suites === undefined ? bytes < TARGET_BYTES : suite < suites) {
    let s = `  <testsuite name="com.example.module${suite % 40}" tests="60" failures="2" errors="0" skipped="1" time="12.5">\n    <properties><property name="java.version" value="21.0.5"/><property name="user.timezone" value="UTC"/></properties>\n    <testsuite name="com.example.module${suite % 40}.Suite${suite}Test" time="6.1">\n`;
    for (let j = 0; j < 60; j++, cases++) {
      s += `      <testcase name="test_${j}_handles_case_&quot;${j % 7}&quot;" classname="com.example.module${suite % 40}.Suite${suite}Test" time="0.${(j * 37) % 1000}">`;
      if (side === "production" && failsOnlyInProduction(j, suite) && j % 25 !== 3) {
        PRODUCTION_EXTRA_FAILURES++;
        s += `\n        <failure message="connection refused: ledger.internal:5432" type="java.net.ConnectException"><![CDATA[java.net.ConnectException: connection refused\n${trace}]]></failure>\n      `;
      } else if (j % 25 === 3) s += `\n        <failure message="expected &lt;200&gt; but was &lt;500&gt;" type="org.opentest4j.AssertionFailedError"><![CDATA[org.opentest4j.AssertionFailedError: expected <200> but was <500>\n${trace}]]></failure>\n      `;
      else if (j % 30 === 11) s += `\n        <flakyFailure message="Connection reset" type="java.net.SocketException"><stackTrace><![CDATA[java.net.SocketException: Connection reset\n${trace}]]></stackTrace></flakyFailure>\n      `;
      else if (j % 60 === 7) s += `<skipped message="disabled on CI"/>`;
      else if (j % 4 === 0) s += `<system-out><![CDATA[${"INFO request id=abc123 took 12 ms <ok> & done\n".repeat(6)}]]></system-out>`;
      s += `</testcase>\n`;
    }
    s += `    </testsuite>\n  </testsuite>\n`;
    bytes += Buffer.byteLength(s);
    suite++;
    await write(s);
  }
  await write("</testsuites>\n");
  await new Promise((r) => out.end(r));
  return { cases, suites: suite };
}

async function runVariant(name) {
  const { readFile } = await import("node:fs/promises");
  const started = performance.now();
  let cases;
  if (name === "audit") {
    const dir = mkdtempSync(join(tmpdir(), "parity-bench-junit-audit-"));
    writeFileSync(join(dir, "parity-map.yaml"), `version: 1
service: bench
# Both sides carry a secret, as a real map does (an API token), so the audit scrubs every output.
environments:
  staging: { http: { baseUrl: "https://staging.example.com", headers: { Authorization: "Bearer stg-7f3a9c1e" } } }
  production: { http: { baseUrl: "https://example.com", headers: { Authorization: "Bearer prd-2b8d4e6f" } } }
pairs:
  - { staging: staging, production: production }
probes:
  - { id: ci-tests, kind: tests, results: { staging: "${xmlFile}", production: "${productionFile}" } }
`);
    const run = await new Promise((done, fail) => {
      const child = spawn("/usr/bin/time", ["-f", "__RSS__ %M", process.execPath, join(root, "dist/bundle/parity.js"), "audit", "--map", join(dir, "parity-map.yaml"), "--no-history"], { env: { ...process.env, NO_COLOR: "1" }, stdio: ["ignore", "pipe", "pipe"] });
      let stderr = "", bytes = 0;
      child.stdout.on("data", (d) => (bytes += d.length));
      child.stderr.on("data", (d) => (stderr += d));
      child.on("error", fail);
      child.on("close", (code) => (code === 0 || code === 1 ? done({ rss: Number(/__RSS__ (\d+)/.exec(stderr)[1]), bytes }) : fail(new Error(`audit exited ${code}: ${stderr.slice(0, 500)}`))));
    });
    rmSync(dir, { recursive: true, force: true });
    const ms = performance.now() - started;
    console.log(JSON.stringify({ ms, cases: "2 files", maxRssKb: run.rss, reportBytes: run.bytes }));
    return;
  }
  if (name === "both") {
    const junit = await import(pathToFileURL(join(build, "probes/tests/junit.js")).href);
    cases = (await junit.readJUnitFile(xmlFile, new AbortController().signal)).length;
    cases += (await junit.readJUnitFile(productionFile, new AbortController().signal)).length;
  } else if (name === "stream" || name === "memory") {
    const junit = await import(pathToFileURL(join(build, "probes/tests/junit.js")).href);
    cases = name === "stream" ? (await junit.readJUnitFile(xmlFile, new AbortController().signal)).length : junit.parseJUnit(await readFile(xmlFile, "utf8")).length;
  } else {
    const { XMLParser, XMLValidator } = await import("fast-xml-parser");
    const xml = await readFile(xmlFile, "utf8");
    if (XMLValidator.validate(xml) !== true) throw new Error("invalid");
    const arrays = new Set(["testsuite", "testcase"]);
    const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "", parseTagValue: false, isArray: (n) => arrays.has(n) }).parse(xml);
    cases = 0;
    const walk = (node) => {
      for (const s of node.testsuite ?? []) walk(s);
      cases += (node.testcase ?? []).length;
    };
    walk(doc.testsuites);
  }
  const ms = performance.now() - started;
  console.log(JSON.stringify({ ms, cases, maxRssKb: process.resourceUsage().maxRSS }));
}

if (!existsSync(build) && variant) throw new Error("run without arguments first");
