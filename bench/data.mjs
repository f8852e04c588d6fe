#!/usr/bin/env node
// Benchmark: profiling a 1M- and a 5M-row table on PostgreSQL and MariaDB (issue 5).
// Reproduce with:  node bench/data.mjs            (all: both servers, 1M and 5M rows)
//                  node bench/data.mjs postgres 1000000   (one server, chosen sizes)
// Generates the table in a throw-away database, then times in the same run: a bare count(*), an
// expert's hand-written single-statement profile, one query per metric (as common profilers do),
// and parity's profile, full and sampled (`sample: auto`); checks the sample's accuracy; drops the
// database. Writes bench/results/data.md. Peers: none to install (the rivals are SQL, run here).
import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync, existsSync } from "node:fs";
import { loadavg } from "node:os";
import { machineLine } from "./lib/machine.mjs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { createBenchDb, CATEGORICAL, COLUMNS } from "./data/tables.mjs";
import { bareScan, expertProfile, perMetricProfile } from "./data/approaches.mjs";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const build = join(root, "node_modules", ".cache", "parity-bench-data");
const servers = process.argv[2] ? [process.argv[2]] : ["postgres", "mysql"];
const sizes = process.argv[3] ? process.argv[3].split(",").map(Number) : [1_000_000, 5_000_000];
const resultsFile = join(root, "bench/results/data.md");

// --noCheck: the type-only imports pull in the whole registry, which `npm test` checks; the bench only needs the JavaScript.
execFileSync(process.execPath, [join(root, "node_modules/typescript/bin/tsc"), "--outDir", build, "--rootDir", root, "--module", "nodenext", "--moduleResolution", "nodenext", "--target", "es2022", "--skipLibCheck", "--noCheck", "--types", "node", join(root, "probes/data/collect.ts")], { stdio: "inherit" });
const { collectProfile } = await import(pathToFileURL(join(build, "probes/data/collect.js")).href);
const { openSession } = await import(pathToFileURL(join(build, "probes/database/session.js")).href);
const { TARGET_BLOCKS, blockSize, chosenRanges } = await import(pathToFileURL(join(build, "probes/data/key-blocks.js")).href);

const seconds = (ms) => (ms / 1000).toFixed(ms < 1000 ? 3 : 2);
async function time(fn, runs) {
  let best = Infinity;
  let result;
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    result = await fn();
    best = Math.min(best, performance.now() - t);
  }
  return { ms: best, result };
}

function ctx(sample) {
  const tables = [{ name: "bench_tx", timestampColumn: "created_at" }];
  const options = { tables, sample, maskValues: true, showValues: [], topCategories: 200 };
  return { probeId: "bench", options, signal: AbortSignal.timeout(1_800_000), timeoutMs: 1_200_000, side: "production", mapDir: root, shared: (_k, create) => create() };
}

async function measure(dialect, rows) {
  const label = dialect === "postgres" ? "PostgreSQL" : "MariaDB";
  process.stderr.write(`${label} ${rows.toLocaleString("en-US")} rows: generating…\n`);
  const started = performance.now();
  const db = await createBenchDb(dialect, rows);
  process.stderr.write(`  generated in ${seconds(performance.now() - started)} s\n`);
  try {
    const session = await openSession(db.url, { statementTimeoutMs: 1_200_000 });
    const env = { name: "bench", database: { url: db.url } };
    await bareScan(session); // warm the cache so every approach reads from memory alike
    const bare = await time(() => bareScan(session), 3);
    process.stderr.write(`  bare ${seconds(bare.ms)} s\n`);
    const expert = await time(() => expertProfile(session, dialect), 2);
    process.stderr.write(`  expert ${seconds(expert.ms)} s\n`);
    const before = session.statements;
    const perMetric = await time(() => perMetricProfile(session, dialect), 1);
    const perMetricStatements = session.statements - before;
    process.stderr.write(`  per-metric ${seconds(perMetric.ms)} s\n`);
    const full = await time(() => collectProfile(env, ctx("full")), 2);
    process.stderr.write(`  parity full ${seconds(full.ms)} s\n`);
    const auto = await time(() => collectProfile(env, ctx("auto")), 3);
    process.stderr.write(`  parity auto ${seconds(auto.ms)} s\n`);
    const accuracy = await checkAccuracy(session, dialect, full.result.tables[0], auto.result.tables[0], expert.result);
    await session.close();
    return { label, rows, bare: bare.ms, expert: expert.ms, perMetric: perMetric.ms, perMetricStatements, full: full.ms, auto: auto.ms, fullTable: full.result.tables[0], autoTable: auto.result.tables[0], accuracy };
  } finally {
    await db.drop();
  }
}

/** How far `sample: auto` lands from the full profile, and whether it ever misses a 0.1% category. */
async function checkAccuracy(session, dialect, full, auto, expertRow) {
  const rate = (t, c) => t.columns.find((x) => x.name === c).nulls / t.sample.rows;
  const nullGap = Math.max(...[...COLUMNS.text, ...COLUMNS.numeric, ...COLUMNS.time].map((c) => Math.abs(rate(full, c) - rate(auto, c)) * 100));
  let missed = 0;
  let common = 0;
  for (const c of CATEGORICAL) {
    const f = full.columns.find((x) => x.name === c).categories;
    const a = new Set(auto.columns.find((x) => x.name === c).categories.top.map((x) => x.hash));
    for (const cat of f.top) {
      if (cat.count / full.sample.rows < 0.001) continue;
      common++;
      if (!a.has(cat.hash)) missed++;
    }
  }
  // Twenty other samples of the same size: does the 0.1% `rare` type ever go missing, and how far
  // do null rates stray? On MariaDB: the same key-block sampler (block size, modulus) with 20
  // other salts, read as the same kind of key ranges.
  const seeds = [];
  const [span] = dialect === "postgres" ? [] : await session.query("SELECT MIN(id) AS lo, MAX(id) AS hi FROM bench_tx");
  for (let s = 1; s <= 20; s++) {
    let sql;
    if (dialect === "postgres") {
      sql = `SELECT count(*) AS n, count(*) FILTER (WHERE type = 'rare') AS rare, count(*) FILTER (WHERE status IS NULL) AS nulls FROM bench_tx TABLESAMPLE SYSTEM (${auto.sample.percent}) REPEATABLE (${s})`;
    } else {
      const [min, max] = [BigInt(String(span.lo)), BigInt(String(span.hi))];
      const modulus = Math.round(100 / auto.sample.percent);
      const ranges = chosenRanges(min, max, blockSize(max - min + 1n, modulus * TARGET_BLOCKS), [{ modulus, salt: 1000 + s }]);
      sql = `SELECT COUNT(*) AS n, SUM(type = 'rare') AS rare, SUM(status IS NULL) AS nulls FROM bench_tx WHERE (${ranges.map((r) => `id BETWEEN ${r.lo} AND ${r.hi}`).join(" OR ")})`;
    }
    const [r] = await session.query(sql);
    seeds.push({ n: Number(r.n), rare: Number(r.rare), nulls: Number(r.nulls) });
  }
  const fullStatusRate = rate(full, "status");
  const distinctError = (c) => {
    const exact = Number(expertRow[`d_${c}`]);
    const estimate = full.columns.find((x) => x.name === c).distinct;
    return { exact, estimate, error: Math.abs(estimate - exact) / exact };
  };
  return {
    nullGap,
    common,
    missed,
    seedsWithRare: seeds.filter((s) => s.rare > 0).length,
    seedNullGap: Math.max(...seeds.map((s) => Math.abs(s.nulls / s.n - fullStatusRate) * 100)),
    minRare: Math.min(...seeds.map((s) => s.rare)),
    distinct: { note: distinctError("note"), amount: distinctError("amount"), account_id: distinctError("account_id") },
  };
}

const loadBefore = loadavg()[0];
const results = [];
for (const dialect of servers) for (const rows of sizes) results.push(await measure(dialect, rows));

const x = (a, b) => `${(a / b).toFixed(1)}×`;
const lines = [
  "## Data probe: profiling cost and sample accuracy",
  "",
  "One table of 8 columns (2 numeric, 1 timestamp with an index, 4 text: 3 categorical incl. a 0.1% `rare` type, one 80%-distinct note; 3% NULL status), generated in a throw-away database, cached in memory (a warm-up count(*) first). Times are the best of 3 (bare, auto), 2 (expert, parity full) or 1 (per-metric) runs, in one read-only session each.",
  "",
  "| server | rows | bare `count(*)` | expert single statement | one query per metric | parity full | parity `sample: auto` | expert ÷ parity full | per-metric ÷ parity full | full ÷ auto |",
  "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
  ...results.map((r) => `| ${r.label} | ${r.rows.toLocaleString("en-US")} | ${seconds(r.bare)} s | ${seconds(r.expert)} s | ${seconds(r.perMetric)} s (${r.perMetricStatements} statements) | ${seconds(r.full)} s (${r.fullTable.statements} statements) | ${seconds(r.auto)} s (${r.autoTable.sample.method} ${r.autoTable.sample.percent}%, ${r.autoTable.sample.rows.toLocaleString("en-US")} rows) | ${x(r.expert, r.full)} | ${x(r.perMetric, r.full)} | ${x(r.full, r.auto)} |`),
  "",
  "Sample accuracy (`sample: auto` against the full profile; 20 further samples of the same size with other seeds: PostgreSQL `REPEATABLE` seeds, MariaDB key-block salts):",
  "",
  "| server | rows | worst null-rate gap, any column | categories ≥ 0.1% missed | `rare` (0.1%) present in other samples | fewest `rare` rows in a sample | worst status null-rate gap over 20 samples | distinct estimate error (note / amount / account_id) |",
  "|---|---:|---:|---:|---:|---:|---:|---:|",
  ...results.map((r) => {
    const a = r.accuracy;
    const d = (k) => `${(a.distinct[k].error * 100).toFixed(1)}%`;
    return `| ${r.label} | ${r.rows.toLocaleString("en-US")} | ${a.nullGap.toFixed(2)} points | ${a.missed} of ${a.common} | ${a.seedsWithRare} of 20 | ${a.minRare} | ${a.seedNullGap.toFixed(2)} points | ${d("note")} / ${d("amount")} / ${d("account_id")} |`;
  }),
  "",
  "Against issue 13's goals (each ratio from this run):",
  "",
  ...results.flatMap((r) => {
    const met = (ok) => (ok ? "**met**" : "**not met**");
    const a = r.accuracy;
    const lines = [`- ${r.label} ${r.rows.toLocaleString("en-US")} rows: full profile ${x(r.expert, r.full)} faster than the expert statement (goal ≥ 3×: ${met(r.expert / r.full >= 3)})`];
    if (r.label === "MariaDB") {
      const goal = r.rows >= 5_000_000 ? 20 : 10;
      lines.push(`  - \`sample: auto\` ${x(r.full, r.auto)} faster than the full profile (goal ≥ ${goal}×: ${met(r.full / r.auto >= goal)})`);
    }
    lines.push(`  - sample accuracy: null rates within ${a.nullGap.toFixed(2)} points (20 other samples: ${a.seedNullGap.toFixed(2)}), ${a.missed} of ${a.common} categories ≥ 0.1% missed, \`rare\` in ${a.seedsWithRare} of 20 (goal: within 0.5 points, none missed: ${met(a.nullGap <= 0.5 && a.seedNullGap <= 0.5 && a.missed === 0 && a.seedsWithRare === 20)})`);
    return lines;
  }),
  "",
  machineLine({ loadBefore, extra: "PostgreSQL and MariaDB on 127.0.0.1", command: `node bench/data.mjs${process.argv[2] ? ` ${process.argv.slice(2).join(" ")}` : ""}` }),
  "",
];
const text = lines.join("\n");
mkdirSync(dirname(resultsFile), { recursive: true });
// Runs of one server at a time append, so a partial run keeps earlier sections.
const previous = existsSync(resultsFile) && process.argv[2] ? readFileSync(resultsFile, "utf8") + "\n" : "";
writeFileSync(resultsFile, previous + text);
process.stdout.write(text + "\n");
