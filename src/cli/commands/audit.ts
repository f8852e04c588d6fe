import path from "node:path";
import { MapError } from "../../errors.js";
import { sinceLast } from "../../history/since-last.js";
import { latestAudit, saveAudit } from "../../history/store.js";
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
  history: boolean;
  /** `--allow-load RATE/CONCURRENCY`: caps above the map's bounds, for this audit only. */
  allowLoad?: LoadAllowance;
}

function reason(error: unknown): string {
  const e = error as NodeJS.ErrnoException;
  return e.code && e.path ? `${e.code} on ${e.path}` : e.message;
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
  if (options.history && !cancel.received) {
    const previous = await latestAudit(result.loaded.dir);
    audit = { ...audit, sinceLast: sinceLast(audit, previous?.audit, previous?.audit.generatedAt ?? null) };
    try {
      await saveAudit(result.loaded.dir, audit);
    } catch (error) {
      // History is a convenience (a read-only checkout, a stray .parity file): never lose the report over it.
      process.stderr.write(`parity: could not save this audit to history: ${reason(error)} (pass --no-history to skip saving)\n`);
    }
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
