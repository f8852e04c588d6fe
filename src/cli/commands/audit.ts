import path from "node:path";
import { exitCode, type FailOn } from "../../gate.js";
import { runPipeline } from "../../pipeline.js";
import { renderReport, type ReportFormat } from "../../report/index.js";
import { emit, progressPrinter, useColor } from "../output.js";
import { parityVersion } from "../version.js";

export interface AuditOptions {
  map: string;
  pair?: string;
  probe?: string[];
  format: ReportFormat;
  out?: string;
  failOn: FailOn;
  concurrency: number;
  history: boolean;
}

export async function auditCommand(options: AuditOptions): Promise<number> {
  const { audit } = await runPipeline({
    mapFile: path.resolve(options.map),
    pair: options.pair,
    probes: options.probe,
    concurrency: options.concurrency,
    version: parityVersion(),
    onProgress: progressPrinter(process.stderr.isTTY === true),
  });
  await emit(renderReport(options.format, audit, { color: useColor(process.stdout, !!options.out) }), options.out);
  return exitCode(audit, options.failOn);
}
