import path from "node:path";
import { startDemo } from "../../demo/run-demo.js";
import { runPipeline } from "../../pipeline.js";
import { renderChecklist, renderReport, type ReportFormat } from "../../report/index.js";
import { useColor } from "../output.js";
import { packageRoot, parityVersion } from "../version.js";

/**
 * The newcomer's first command: real embedded targets, the example map, the full report and
 * the checklist. It exits 0 because the gaps it shows are the point of the demo.
 */
export async function demoCommand(options: { format?: string }): Promise<number> {
  const started = performance.now();
  process.stderr.write("parity demo: starting an embedded staging and production …\n");
  const demo = await startDemo();
  try {
    const { audit } = await runPipeline({
      mapFile: path.join(packageRoot(), "parity-map.example.yaml"),
      env: demo.env,
      version: parityVersion(),
      // The embedded databases run on this process's event loop; one probe at a time keeps their
      // work from stalling the latency probe's clock (a real audit has no such neighbour).
      concurrency: 1,
    });
    const color = useColor(process.stdout, false);
    process.stdout.write(renderReport((options.format ?? "terminal") as ReportFormat, audit, { color }));
    process.stdout.write("\n");
    process.stdout.write(renderChecklist(audit, { color: false }));
    process.stderr.write(`parity demo: done in ${((performance.now() - started) / 1000).toFixed(1)} s. Copy parity-map.example.yaml to start your own map.\n`);
  } finally {
    await demo.stop();
  }
  return 0;
}
