import path from "node:path";
import { MapError } from "../../errors.js";
import { historyLocation } from "../../history/location.js";
import { runPipeline } from "../../pipeline.js";
import type { FailOn } from "../../types.js";
import type { LoadAllowance } from "../../probe.js";
import { inGitHubActions, reportToGitHub } from "../github-mode.js";
import { planOutputs, progressPrinter, writeOutputs } from "../output.js";
import { parityVersion } from "../version.js";
import { cancelOnSignals, type Cancellation } from "../cancel.js";

export interface AuditOptions {
  map: string;
  pair?: string;
  probe?: string[];
  format?: string;
  /** Every file to write, its format from the extension: all from this one probe run. */
  out?: string[];
  failOn: FailOn;
  concurrency: number;
  /** A folder or postgres:// URL; false with --no-history; absent: $PARITY_HISTORY or .parity/history beside the map. */
  history?: string | false;
  /** `--allow-load RATE/CONCURRENCY`: caps above the map's bounds, for this audit only. */
  allowLoad?: LoadAllowance;
}

export async function auditCommand(options: AuditOptions): Promise<number> {
  const cancel = cancelOnSignals();
  try {
    return cancel.exitCode(await audit(options, cancel));
  } finally {
    cancel.dispose();
  }
}

async function audit(options: AuditOptions, cancel: Cancellation): Promise<number> {
  const mapFile = path.resolve(options.map);
  // Checked before probing: a typo in --out must not cost a full audit of production.
  const outputs = planOutputs(options.format, options.out);
  const history = options.history === false ? undefined : historyLocation(options.history, path.dirname(mapFile));
  let result;
  try {
    result = await runPipeline({
      signal: cancel.signal,
      mapFile,
      pair: options.pair,
      probes: options.probe,
      concurrency: options.concurrency,
      failOn: options.failOn,
      allowLoad: options.allowLoad,
      version: parityVersion(),
      onProgress: progressPrinter(process.stderr.isTTY === true),
    });
  } catch (error) {
    if (error instanceof MapError && inGitHubActions()) await reportToGitHub(undefined, mapFile, error.problems);
    throw error;
  }
  let audit = result.audit;
  // A cancelled audit is partial: reported, not kept as history to compare later audits with.
  if (history && !cancel.received) {
    // History is an extra (a read-only checkout, a stray .parity file, a store that is down): never lose the report over it.
    const { recordAudit } = await import("../../history/record.js");
    audit = await recordAudit(audit, history, (message) => process.stderr.write(`${message}\n`));
  }
  await writeOutputs(audit, outputs);
  if (inGitHubActions()) {
    // Overdue-review warnings are map problems too; annotate them on their lines.
    const warnings = result.loaded.problems.filter((p) => p.severity === "warning");
    // A JSON, JUnit or HTML report on stdout must stay parseable: its annotations go to stderr,
    // which the Actions runner reads for workflow commands too.
    const machineReportOnStdout = outputs.some((o) => !o.file && !["terminal", "markdown"].includes(o.format));
    await reportToGitHub(audit, mapFile, warnings, machineReportOnStdout ? process.stderr : process.stdout);
  }
  return audit.verdict.exitCode;
}
