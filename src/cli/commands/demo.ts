import path from "node:path";
import { startDemo } from "../../demo/run-demo.js";
import { runPipeline } from "../../pipeline.js";
import { renderChecklist, renderReport } from "../../report/index.js";
import { planOutputs, useColor } from "../output.js";
import { packageRoot, parityVersion } from "../version.js";

/**
 * The newcomer's first command: real embedded targets, the example map, the full report (and,
 * in the terminal form, the checklist after it). Any other `--format` prints exactly one valid
 * document of that format. It exits 0 because the gaps it shows are the point of the demo.
 */
export async function demoCommand(options: { format?: string }): Promise<number> {
  // A wrong format is refused before anything starts.
  const format = planOutputs(options.format)[0]!.format;
  const started = performance.now();
  process.stderr.write("parity demo: starting the embedded targets of parity-map.example.yaml …\n");
  const demo = await startDemo();
  try {
    const { audit } = await runPipeline({
      mapFile: path.join(packageRoot(), "parity-map.example.yaml"),
      env: demo.env,
      version: parityVersion(),
      // The embedded databases run on worker threads (src/demo/database.ts), and the latency
      // probe runs in the timing phase with nothing else running: the default concurrency is safe.
    });
    process.stdout.write(renderReport(format, audit, { color: useColor(process.stdout, false) }));
    if (format === "terminal") process.stdout.write(`\n${renderChecklist(audit, { color: false })}`);
    else process.stderr.write(`${audit.verdict.summary}\n`);
    process.stderr.write(`parity demo: done in ${((performance.now() - started) / 1000).toFixed(1)} s. Copy parity-map.example.yaml to start your own map.\n`);
  } finally {
    await demo.stop();
  }
  return 0;
}
