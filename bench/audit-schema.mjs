// Small-audit benchmark (issue 13, goal 2): a whole `parity audit` of one schema probe — process
// start, map, both sides collected, compared, the terminal report written — on a 100-table pair,
// against what a team runs today in the same run:
//   MariaDB:    mysqldump --no-data ×2 (in parallel) + diff          goal: parity ≤ 1.0× of it
//   PostgreSQL: pg_dump -s ×2 (in parallel) + apgdiff                goal: parity ≤ 0.5× of it
// Installs missing peers with apt-get, builds the CLI as `npm ci` does, creates the databases
// (bench/schema/generate.mjs), runs the tools round-robin and reports median wall time and peak RSS.
//
//   node bench/audit-schema.mjs [--tables 100] [--reps 15] [--out bench/results/audit-schema.md]
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { createMy, createPg, dropMy, dropPg } from "./schema/generate.mjs";
import { loadNow, machineLine, median } from "./lib/machine.mjs";
import { timed } from "./lib/timed.mjs";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const tables = Number(arg("tables", "100"));
const reps = Number(arg("reps", "15"));
const out = resolve(root, arg("out", "bench/results/audit-schema.md"));
const GOALS = { mysql: 1.0, postgres: 0.5 };

const have = (cmd) => spawnSync("sh", ["-c", `command -v ${cmd}`]).status === 0;
const apt = [["apgdiff", "apgdiff"], ["pg_dump", "postgresql-client"], ["mysqldump", "mariadb-client"]].filter(([c]) => !have(c));
if (apt.length) {
  execFileSync("apt-get", ["update"], { stdio: "inherit" });
  execFileSync("apt-get", ["install", "-y", ...apt.map(([, p]) => p)], { stdio: "inherit" });
}
execFileSync(process.execPath, [join(root, "scripts/build.mjs")], { stdio: "inherit" });
const parity = join(root, "dist/bundle/parity.js");

const dbName = (url) => new URL(url).pathname.slice(1);
// pg_dump 15.14+ writes psql \restrict lines that apgdiff 2.7 cannot parse: drop them, as a user must.
const unrestrict = (sql) => sql.replace(/^\\(un)?restrict .*$/gm, "");
const PG_ENV = { PGSSLMODE: "disable", PGUSER: "postgres", PGHOST: "127.0.0.1" };

async function pipeline(dumps, diff) {
  const started = process.hrtime.bigint();
  const runs = await Promise.all(dumps.map(async ({ cmd, args, env, file, filter = (t) => t }) => {
    const run = await timed(cmd, args, { env });
    writeFileSync(file, filter(run.stdout));
    return run;
  }));
  const last = await timed(diff.cmd, diff.args, { allowExit: [0, 1] }); // diff exits 1 when the files differ
  return { ms: Number(process.hrtime.bigint() - started) / 1e6, rss: Math.max(...runs.map((r) => r.rss), last.rss) };
}

// parity keeps V8's code cache of its chunks (src/cli/code-cache.ts): the warm-up run fills it
// (in a folder of this run's own), as a user's first audit does; this row is that first audit.
const FIRST_RUN = "parity audit, first run (no code cache)";
const codeCacheDir = mkdtempSync(join(tmpdir(), "parity-bench-code-cache-"));
/** The whole CLI, map to terminal report (gate failures exit 1); `extra` adds to the environment. */
const parityAudit = (dir, env, args = [], extra = {}) => timed(process.execPath, [parity, "audit", "--map", join(dir, "parity-map.yaml"), "--no-history", ...args], { env: { ...env, ...extra }, allowExit: [0, 1] });
const PARITY = {
  "parity audit (whole CLI, terminal report)": (dir, env) => parityAudit(dir, env),
  [FIRST_RUN]: (dir, env) => parityAudit(dir, env, [], { PARITY_CODE_CACHE: "off" }),
};
const TOOLS = {
  postgres: {
    ...PARITY,
    "pg_dump -s ×2 + apgdiff": (dir, env) =>
      pipeline(
        [env.STAGING_DB_URL, env.PRODUCTION_DB_URL].map((u, i) => ({ cmd: "pg_dump", args: ["-s", dbName(u)], env: PG_ENV, file: join(dir, `${i}.sql`), filter: unrestrict })),
        { cmd: "apgdiff", args: [join(dir, "0.sql"), join(dir, "1.sql")] },
      ),
  },
  mysql: {
    ...PARITY,
    "mysqldump --no-data ×2 + diff": (dir, env) =>
      pipeline(
        [env.STAGING_DB_URL, env.PRODUCTION_DB_URL].map((u, i) => ({ cmd: "mysqldump", args: ["--no-data", "--skip-ssl", "-h", "127.0.0.1", "-u", "root", dbName(u)], file: join(dir, `${i}.sql`) })),
        { cmd: "diff", args: [join(dir, "0.sql"), join(dir, "1.sql")] },
      ),
  },
};

const MAP = `version: 1
service: bench
environments:
  staging: { database: { url: "\${STAGING_DB_URL}" } }
  production: { database: { url: "\${PRODUCTION_DB_URL}" } }
pairs:
  - { staging: staging, production: production }
probes:
  - { id: db-schema, kind: schema }
`;

const loadBefore = loadNow();
const rows = [];
for (const dialect of ["mysql", "postgres"]) {
  const names = [`parity_bench_audit_${tables}_stg`, `parity_bench_audit_${tables}_prd`];
  const [create, drop] = dialect === "postgres" ? [createPg, dropPg] : [createMy, dropMy];
  console.error(`${dialect}: creating two ${tables}-table databases…`);
  const [staging, production] = await Promise.all([create(names[0], tables, "staging"), create(names[1], tables, "production")]);
  const dir = mkdtempSync(join(tmpdir(), "parity-bench-audit-"));
  writeFileSync(join(dir, "parity-map.yaml"), MAP);
  const env = { STAGING_DB_URL: staging, PRODUCTION_DB_URL: production, NO_COLOR: "1", PARITY_CODE_CACHE_DIR: codeCacheDir };
  try {
    // The probe's own share: its duration from the JSON report, once.
    const json = await parityAudit(dir, env, ["--format", "json"]);
    const probeMs = JSON.parse(json.stdout).pairs[0].probes[0].durationMs;
    const tools = Object.keys(TOOLS[dialect]);
    const samples = Object.fromEntries(tools.map((t) => [t, []]));
    for (const t of tools) await TOOLS[dialect][t](dir, env); // warm-up: caches, JIT of the servers
    for (let r = 0; r < reps; r++) {
      for (const t of tools) {
        const run = await TOOLS[dialect][t](dir, env);
        samples[t].push(run);
        console.error(`  ${t} #${r + 1}: ${run.ms.toFixed(0)} ms`);
      }
    }
    const [mine, first, peer] = tools.map((t) => ({ tool: t, ms: median(samples[t].map((s) => s.ms)), rss: Math.max(...samples[t].map((s) => s.rss)) }));
    rows.push({ dialect, mine, first, peer, probeMs, ratio: mine.ms / peer.ms });
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await Promise.all(names.map(drop));
  }
}
const loadAfter = loadNow();
rmSync(codeCacheDir, { recursive: true, force: true });

const version = (cmd, args) => { try { return execFileSync(cmd, args, { encoding: "utf8" }).trim().split("\n")[0]; } catch { return "?"; } };
const report = [
  `## Small audit (goal 2: a whole \`parity audit\` of one schema probe, ${tables} tables)`,
  "",
  `Median wall time of ${reps} interleaved runs after a warm-up; peak RSS of the largest process of each pipeline. Each dump pair runs in parallel, as parity collects both sides in parallel. parity's code cache is filled by the warm-up run, as by a user's first audit; \"first run\" is an audit without it. The databases: ${tables} tables of 6 columns with a primary key, foreign key, check, default and index each, a view every 50 tables; production differs on every 100th table (bench/schema/generate.mjs).`,
  "",
  "| engine | parity audit (whole process) | of which the probe | first run (no code cache) | peer | peer time | parity ÷ peer | goal | |",
  "|---|---:|---:|---:|---|---:|---:|---:|---|",
  ...rows.map((r) => `| ${r.dialect === "postgres" ? "PostgreSQL" : "MariaDB"} | ${(r.mine.ms / 1000).toFixed(2)} s (${(r.mine.rss / 1024).toFixed(0)} MiB) | ${(r.probeMs / 1000).toFixed(2)} s | ${(r.first.ms / 1000).toFixed(2)} s | ${r.peer.tool} | ${(r.peer.ms / 1000).toFixed(2)} s (${(r.peer.rss / 1024).toFixed(0)} MiB) | ${r.ratio.toFixed(2)}× | ≤ ${GOALS[r.dialect].toFixed(1)}× | ${r.ratio <= GOALS[r.dialect] ? "**met**" : "**not met**"} |`),
  "",
  `Peers: ${version("pg_dump", ["--version"])}, apgdiff ${version("dpkg-query", ["-W", "-f", "${Version}", "apgdiff"])} (Debian), ${version("mysqldump", ["--version"])}. Servers: PostgreSQL ${version("psql", ["-h", "127.0.0.1", "-U", "postgres", "-Atc", "show server_version"])}, MariaDB ${version("mysql", ["-h", "127.0.0.1", "-uroot", "-N", "-e", "select version()"])}.`,
  "",
  machineLine({ loadBefore, loadAfter, command: `node bench/audit-schema.mjs --tables ${tables} --reps ${reps}` }),
  "",
].join("\n");
writeFileSync(out, report);
process.stdout.write(report);
