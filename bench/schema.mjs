// Schema benchmark: generates N-table schemas (staging and production differing on every 100th
// table) on the machine's PostgreSQL and MariaDB, then times parity's schema probe against the
// tools teams use today, in the same run:
//   PostgreSQL: @pgkit/migra (npm, TypeScript port of migra), pg_dump -s + apgdiff (Debian)
//   MariaDB:    mysqldump --no-data + diff (a floor: dumping and diffing text, no understanding)
// Reports median wall time, peak RSS and statements sent per database (counted on the wire by a
// proxy, the same way for every tool). Installs missing peers (bench/.peers, apt-get).
//
//   node bench/schema.mjs [--sizes 100,1000,3000] [--reps 5] [--out bench/results/schema.md]
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { createMy, createPg, dropMy, dropPg } from "./schema/generate.mjs";
import { startCountingProxy } from "./schema/count-proxy.mjs";
import { machineLine } from "./lib/machine.mjs";
import { timed } from "./lib/timed.mjs";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const sizes = arg("sizes", "100,1000,3000").split(",").map(Number);
const reps = Number(arg("reps", "5"));
const out = resolve(root, arg("out", "bench/results/schema.md"));
const peers = join(root, "bench/.peers");
const migra = join(peers, "node_modules/.bin/migra");

function have(cmd) {
  return spawnSync("sh", ["-c", `command -v ${cmd}`]).status === 0;
}

function installPeers() {
  if (!existsSync(migra)) execFileSync("npm", ["install", "--prefix", peers, "@pgkit/migra@0.6.1"], { stdio: "inherit" });
  const apt = [["apgdiff", "apgdiff"], ["pg_dump", "postgresql-client"], ["mysqldump", "mariadb-client"]].filter(([c]) => !have(c));
  if (apt.length) {
    execFileSync("apt-get", ["update"], { stdio: "inherit" });
    execFileSync("apt-get", ["install", "-y", ...apt.map(([, p]) => p)], { stdio: "inherit" });
  }
}

/** Compiles the schema probe (and only what it imports) into a temporary folder. */
function buildParity() {
  const build = mkdtempSync(join(tmpdir(), "parity-bench-schema-"));
  // tsc exits non-zero if anything else in the work tree has type errors; it still emits.
  spawnSync(process.execPath, [join(root, "node_modules/typescript/bin/tsc"), "--outDir", build, "--rootDir", root, "--module", "nodenext",
    "--moduleResolution", "nodenext", "--target", "es2022", "--skipLibCheck", "--types", "node", join(root, "probes/schema/index.ts")], { stdio: "ignore" });
  if (!existsSync(join(build, "probes/schema/index.js"))) throw new Error("could not compile probes/schema/index.ts");
  // The compiled files resolve packages from the repository's node_modules.
  execFileSync("ln", ["-s", join(root, "node_modules"), join(build, "node_modules")]);
  return build;
}

// pg_dump 15.14+ brackets its output with psql's \restrict/\unrestrict meta-commands, which
// apgdiff 2.7 cannot parse ("Cannot find ending semicolon"): drop those two lines, as a user must.
const unrestrict = (sql) => sql.replace(/^\\(un)?restrict .*$/gm, "");
const PG_ENV = { PGSSLMODE: "disable", PGUSER: "postgres", PGHOST: "127.0.0.1" };
const dbName = (url) => new URL(url).pathname.slice(1);
const port = (url, p) => { const u = new URL(url); u.port = String(p); return u.toString(); };

/** Each tool: run(stagingUrl, productionUrl, scratch) → { ms, rss }. */
const TOOLS = {
  postgres: {
    parity: async (a, b, _dir, build) => timed(process.execPath, [join(root, "bench/schema/parity-run.mjs"), build, a, b]),
    // --unsafe last: placed before the URLs it swallows the first one as its value.
    migra: async (a, b) => timed(migra, ["run", `${a}?sslmode=disable`, `${b}?sslmode=disable`, "--unsafe"]),
    "pg_dump -s + apgdiff": async (a, b, dir) => {
      const started = process.hrtime.bigint();
      const dumps = await Promise.all([a, b].map((u, i) =>
        timed("pg_dump", ["-s", "-h", "127.0.0.1", "-p", new URL(u).port || "5432", "-U", "postgres", dbName(u)], { env: PG_ENV, stdout: join(dir, `${i}.sql`), filter: unrestrict })));
      const diff = await timed("apgdiff", [join(dir, "0.sql"), join(dir, "1.sql")]);
      return { ms: Number(process.hrtime.bigint() - started) / 1e6, rss: Math.max(...dumps.map((d) => d.rss), diff.rss) };
    },
  },
  mysql: {
    parity: async (a, b, _dir, build) => timed(process.execPath, [join(root, "bench/schema/parity-run.mjs"), build, a, b]),
    "mysqldump --no-data + diff": async (a, b, dir) => {
      const started = process.hrtime.bigint();
      const dumps = await Promise.all([a, b].map((u, i) =>
        timed("mysqldump", ["--no-data", "--skip-ssl", "-h", "127.0.0.1", "-P", new URL(u).port || "3306", "-u", "root", dbName(u)], { stdout: join(dir, `${i}.sql`) })));
      const diff = await timed("diff", [join(dir, "0.sql"), join(dir, "1.sql")], { allowExit: [0, 1] }); // diff exits 1 when the files differ
      return { ms: Number(process.hrtime.bigint() - started) / 1e6, rss: Math.max(...dumps.map((d) => d.rss), diff.rss) };
    },
  },
};

const median = (xs) => { const s = [...xs].sort((x, y) => x - y); return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2; };

async function countStatements(dialect, tool, a, b, dir, build) {
  const target = dialect === "postgres" ? 5432 : 3306;
  const [pa, pb] = await Promise.all([startCountingProxy(dialect, target), startCountingProxy(dialect, target)]);
  try {
    await TOOLS[dialect][tool](port(a, pa.port), port(b, pb.port), dir, build);
    return [pa.count(), pb.count()];
  } finally {
    await Promise.all([pa.close(), pb.close()]);
  }
}

async function main() {
  installPeers();
  const build = buildParity();
  const scratch = mkdtempSync(join(tmpdir(), "parity-bench-dumps-"));
  const loadBefore = loadavg()[0].toFixed(2);
  const rows = [];
  try {
    for (const n of sizes) {
      for (const dialect of ["postgres", "mysql"]) {
        const names = [`parity_bench_schema_${n}_stg`, `parity_bench_schema_${n}_prd`];
        const create = dialect === "postgres" ? createPg : createMy;
        console.error(`${dialect} N=${n}: creating two ${n}-table databases…`);
        const [a, b] = await Promise.all([create(names[0], n, "staging"), create(names[1], n, "production")]);
        try {
          const tools = Object.keys(TOOLS[dialect]);
          const samples = Object.fromEntries(tools.map((t) => [t, []]));
          // Round-robin, so load from the rest of the machine spreads over every tool alike.
          for (let r = 0; r < reps; r++) {
            for (const tool of tools) {
              const run = await TOOLS[dialect][tool](a, b, scratch, build);
              samples[tool].push(run);
              console.error(`  ${tool} #${r + 1}: ${run.ms.toFixed(0)} ms, ${(run.rss / 1024).toFixed(0)} MiB`);
            }
          }
          for (const tool of tools) {
            const statements = await countStatements(dialect, tool, a, b, scratch, build);
            rows.push({ dialect, n, tool, ms: median(samples[tool].map((s) => s.ms)), rss: Math.max(...samples[tool].map((s) => s.rss)), statements });
            console.error(`  ${tool}: median ${rows.at(-1).ms.toFixed(0)} ms, statements ${statements.join("/")}`);
          }
        } finally {
          await Promise.all(names.map(dialect === "postgres" ? dropPg : dropMy));
        }
      }
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
    rmSync(build, { recursive: true, force: true });
  }
  const report = render(rows, loadBefore, loadavg()[0].toFixed(2));
  writeFileSync(out, report);
  process.stdout.write(report);
}

function render(rows, loadBefore, loadAfter) {
  const version = (cmd, args) => { try { return execFileSync(cmd, args, { encoding: "utf8" }).trim().split("\n")[0]; } catch { return "?"; } };
  const lines = [
    "## Schema probe (`kind: schema`)",
    "",
    machineLine({
      loadBefore: Number(loadBefore),
      loadAfter: Number(loadAfter),
      extra: `PostgreSQL ${version("psql", ["-h", "127.0.0.1", "-U", "postgres", "-Atc", "show server_version"])}, MariaDB ${version("mysql", ["-h", "127.0.0.1", "-uroot", "-N", "-e", "select version()"])}`,
      command: `node bench/schema.mjs --sizes ${sizes.join(",")} --reps ${reps}`,
    }),
    "",
    `Peers: @pgkit/migra 0.6.1 (npm), apgdiff ${version("dpkg-query", ["-W", "-f", "${Version}", "apgdiff"])} (Debian) with ${version("pg_dump", ["--version"])}, ${version("mysqldump", ["--version"])}.`,
    "",
    `Each tool compares a staging and a production database of N tables (6 columns, primary key, foreign key, check, default, index each; a view every 50 tables; production differs on every 100th table). Median of ${reps} runs, interleaved; peak RSS is the largest process of the tool's pipeline; statements are counted on the wire per database (staging/production) by a proxy.`,
    "",
    "| engine | N tables | tool | median wall time | peak RSS | statements per database |",
    "|---|---:|---|---:|---:|---:|",
    ...rows.map((r) => `| ${r.dialect === "postgres" ? "PostgreSQL" : "MariaDB"} | ${r.n} | ${r.tool} | ${(r.ms / 1000).toFixed(2)} s | ${(r.rss / 1024).toFixed(0)} MiB | ${r.statements.join(" / ")} |`),
    "",
  ];
  return lines.join("\n");
}

await main();
