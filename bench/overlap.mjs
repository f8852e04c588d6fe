// A whole audit against its probes (issue 13, goal 7): the example map with every probe,
// against the demo's embedded staging and production, audited one probe at a time and then
// with the default concurrency. With probes that do not measure time running side by side (and
// the timing probes alone afterwards), the whole audit should take about as long as its
// slowest probe plus the timing phase, not the sum of all probes.
//
//   npm run build && node bench/overlap.mjs [--reps 3]
import { cpus, loadavg } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const reps = Number(arg("reps", "3"));
const load = (file) => import(pathToFileURL(join(root, "dist/src", file)).href);
const { startDemo } = await load("demo/run-demo.js");
const { runPipeline } = await load("pipeline.js");
const { probeKind } = await import(pathToFileURL(join(root, "dist/probes/index.js")).href);

const loadBefore = loadavg()[0];
const demo = await startDemo();
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const rows = [];
try {
  for (const concurrency of [1, 4]) {
    const walls = [];
    let probes = [];
    for (let r = 0; r < reps; r++) {
      const started = performance.now();
      const { audit } = await runPipeline({ mapFile: join(root, "parity-map.example.yaml"), env: demo.env, version: "bench", concurrency });
      walls.push(performance.now() - started);
      probes = audit.pairs[0].probes;
    }
    const timing = probes.filter((p) => probeKind(p.kind)?.timing);
    const other = probes.filter((p) => !probeKind(p.kind)?.timing);
    rows.push({
      concurrency,
      wall: median(walls),
      sum: probes.reduce((n, p) => n + p.durationMs, 0),
      slowest: Math.max(...other.map((p) => p.durationMs)),
      timing: timing.reduce((n, p) => n + p.durationMs, 0),
      probes,
    });
  }
} finally {
  await demo.stop();
}

const [serial, parallel] = rows;
const floor = parallel.slowest + parallel.timing;
const lines = [
  "# A whole audit against its probes (`node bench/overlap.mjs`)",
  "",
  `Machine: ${cpus().length} cores (${cpus()[0]?.model.trim()}), Node ${process.version}; ${new Date().toISOString().slice(0, 10)}; ` +
    `1-minute load average ${loadBefore.toFixed(1)} before and ${loadavg()[0].toFixed(1)} after. The example map (${serial.probes.length} probes) against the demo's embedded targets; median of ${reps}.`,
  "",
  "| run | whole audit | sum of probe durations | slowest non-timing probe | timing phase |",
  "|---|---:|---:|---:|---:|",
  ...rows.map((r) => `| ${r.concurrency === 1 ? "one probe at a time" : `${r.concurrency} probes at once (default)`} | ${(r.wall / 1000).toFixed(2)} s | ${(r.sum / 1000).toFixed(2)} s | ${(r.slowest / 1000).toFixed(2)} s | ${(r.timing / 1000).toFixed(2)} s |`),
  "",
  "Per probe (default run): " + parallel.probes.map((p) => `${p.id} ${(p.durationMs / 1000).toFixed(2)} s`).join(", ") + ".",
  "",
  `Whole audit ÷ slowest probe: ${(parallel.wall / Math.max(parallel.slowest, parallel.timing)).toFixed(2)}×; ÷ (slowest non-timing probe + timing phase, the floor when timing runs alone): ${(parallel.wall / floor).toFixed(2)}×; ÷ sum of probes: ${(parallel.wall / parallel.sum).toFixed(2)}×.`,
  "",
  `Reproduce: \`npm run build && node bench/overlap.mjs --reps ${reps}\``,
];
process.stdout.write(`${lines.join("\n")}\n`);
