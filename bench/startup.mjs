// Start-up benchmark (issue 13, goal 1): `parity --help`, `--version` and `map validate` against
// `node -e 0`, the floor every Node CLI pays. Builds the CLI as `npm ci` does (scripts/build.mjs),
// and, for the record, the unbundled tsc output of the same sources, then runs every command in
// turn, round after round (interleaved, so load from the rest of the machine falls on all alike).
//
//   node bench/startup.mjs [--reps 31] [--no-unbundled] [--out bench/results/startup.md]
import { execFileSync, spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { loadNow, machineLine, median, quantile } from "./lib/machine.mjs";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const reps = Number(arg("reps", "31"));
const out = resolve(root, arg("out", "bench/results/startup.md"));
const withUnbundled = !process.argv.includes("--no-unbundled");
const GOAL = 1.5;

execFileSync(process.execPath, [join(root, "scripts/build.mjs")], { stdio: "inherit" });
const bundle = join(root, "dist/bundle/parity.js");

/** The same sources compiled file by file (what the CLI was before the bundle). */
function buildUnbundled() {
  const dir = mkdtempSync(join(tmpdir(), "parity-bench-startup-"));
  // tsc exits non-zero if anything in the tree has a type error; it still emits.
  spawnSync(process.execPath, [join(root, "node_modules/typescript/bin/tsc"), "-p", join(root, "tsconfig.json"), "--outDir", dir], { stdio: "ignore" });
  cpSync(join(root, "package.json"), join(dir, "package.json"));
  symlinkSync(join(root, "node_modules"), join(dir, "node_modules"));
  return dir;
}
const unbundledDir = withUnbundled ? buildUnbundled() : undefined;

const map = "parity-map.example.yaml";
// The CLI keeps V8's code cache of its chunks (src/cli/code-cache.ts): here in a folder of this
// run's own, filled by the warm-up round, as a user's is after the first run of each command.
// The "no code cache" rows are what a first run costs.
const cacheDir = mkdtempSync(join(tmpdir(), "parity-bench-code-cache-"));
const cached = { PARITY_CODE_CACHE_DIR: cacheDir };
const uncached = { PARITY_CODE_CACHE: "off" };
const commands = [
  { name: "node -e 0", args: ["-e", "0"], floor: true },
  { name: "parity --help", args: [bundle, "--help"], env: cached },
  { name: "parity --version", args: [bundle, "--version"], env: cached },
  { name: `parity map validate ${map}`, args: [bundle, "map", "validate", map], env: cached },
  { name: "first run (no code cache): parity --help", args: [bundle, "--help"], env: uncached, reference: "first run, no code cache (reference)" },
  { name: `first run (no code cache): parity map validate ${map}`, args: [bundle, "map", "validate", map], env: uncached, reference: "first run, no code cache (reference)" },
  ...(unbundledDir
    ? [
        { name: "unbundled: parity --help", args: [join(unbundledDir, "src/cli/main.js"), "--help"], reference: "before the bundle (reference)" },
        { name: `unbundled: parity map validate ${map}`, args: [join(unbundledDir, "src/cli/main.js"), "map", "validate", map], reference: "before the bundle (reference)" },
      ]
    : []),
];

function timeOnce(args, env = {}) {
  const started = process.hrtime.bigint();
  const run = spawnSync(process.execPath, args, { cwd: root, stdio: ["ignore", "ignore", "pipe"], env: { ...process.env, NO_COLOR: "1", ...env } });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (run.status !== 0) throw new Error(`${args.join(" ")} exited ${run.status}: ${run.stderr}`);
  return ms;
}

const loadBefore = loadNow();
for (const c of commands) timeOnce(c.args, c.env); // warm the file cache and fill the code cache, not measured
const samples = commands.map(() => []);
for (let r = 0; r < reps; r++) commands.forEach((c, i) => samples[i].push(timeOnce(c.args, c.env)));
const loadAfter = loadNow();
if (unbundledDir) rmSync(unbundledDir, { recursive: true, force: true });
rmSync(cacheDir, { recursive: true, force: true });

const floor = median(samples[0]);
const rows = commands.map((c, i) => {
  const m = median(samples[i]);
  const ratio = m / floor;
  const verdict = c.floor ? "the floor" : c.reference ? c.reference : ratio <= GOAL ? "**met**" : "**not met**";
  return `| ${c.name} | ${m.toFixed(0)} ms | ${quantile(samples[i], 0.25).toFixed(0)}–${quantile(samples[i], 0.75).toFixed(0)} ms | ${ratio.toFixed(2)}× | ${verdict} |`;
});

const report = [
  "## Start-up (goal 1: `--help`, `--version`, `map validate` ≤ 1.5× `node -e 0`)",
  "",
  `Each command as its own process, ${reps} interleaved rounds after one warm-up; wall time from spawn to exit. The map is the repository's example (14 probes, 13 differences, one overdue review). The warm-up round fills the CLI's code cache (a folder of this run's own), as a user's first run of each command does; the \"first run\" rows run without it (\`PARITY_CODE_CACHE=off\`).`,
  "",
  "| command | median | interquartile | ÷ `node -e 0` | goal ≤ 1.5× |",
  "|---|---:|---:|---:|---|",
  ...rows,
  "",
  machineLine({ loadBefore, loadAfter, command: `node bench/startup.mjs --reps ${reps}` }),
  "",
].join("\n");
writeFileSync(out, report);
process.stdout.write(report);
