import { appendFile } from "node:fs/promises";
import path from "node:path";
import { MapError } from "../../errors.js";
import { exitCode, type FailOn } from "../../gate.js";
import { sinceLast } from "../../history/since-last.js";
import { latestAudit, saveAudit } from "../../history/store.js";
import { runPipeline } from "../../pipeline.js";
import { annotations, renderReport, stepSummary, type ReportFormat } from "../../report/index.js";
import type { Audit } from "../../types.js";
import type { LoadAllowance } from "../../probe.js";
import { emit, progressPrinter, useColor } from "../output.js";
import { parityVersion } from "../version.js";
import { cancelOnSignals, type Cancellation } from "../cancel.js";

export interface AuditOptions {
  map: string;
  pair?: string;
  probe?: string[];
  format: ReportFormat;
  out?: string;
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

const inGitHubActions = () => process.env.GITHUB_ACTIONS === "true";

/** In GitHub Actions: the markdown report in the step summary and annotations on the map's lines. */
async function reportToGitHub(audit: Audit | undefined, mapFile: string, problems: MapError["problems"] = [], out: NodeJS.WriteStream = process.stdout): Promise<void> {
  const file = path.relative(process.env.GITHUB_WORKSPACE ?? process.cwd(), mapFile).split(path.sep).join("/");
  const empty = { schemaVersion: 1, pairs: [], upkeep: { stale: [], overdue: [] } } as unknown as Audit;
  for (const line of annotations(audit ?? empty, { mapFile: file, problems })) out.write(`${line}\n`);
  if (audit && process.env.GITHUB_STEP_SUMMARY) {
    try {
      await appendFile(process.env.GITHUB_STEP_SUMMARY, stepSummary(audit));
    } catch (error) {
      // The summary is an extra: the report and the exit code still stand without it.
      out.write(`::warning title=parity::cannot write the step summary to ${process.env.GITHUB_STEP_SUMMARY}: ${reason(error)}\n`);
    }
  }
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
  let result;
  try {
    result = await runPipeline({
      signal: cancel.signal,
      mapFile,
      pair: options.pair,
      probes: options.probe,
      concurrency: options.concurrency,
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
  await emit(renderReport(options.format, audit, { color: useColor(process.stdout, !!options.out) }), options.out);
  if (inGitHubActions()) {
    // Overdue-review warnings are map problems too; annotate them on their lines.
    const warnings = result.loaded.problems.filter((p) => p.severity === "warning");
    // A JSON, JUnit or HTML report on stdout must stay parseable: its annotations go to stderr,
    // which the Actions runner reads for workflow commands too.
    const machineReportOnStdout = !options.out && !["terminal", "markdown"].includes(options.format);
    await reportToGitHub(audit, mapFile, warnings, machineReportOnStdout ? process.stderr : process.stdout);
  }
  return exitCode(audit, options.failOn);
}
