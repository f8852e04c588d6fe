import { ProbeError } from "../errors.js";
import type { ParityMap } from "../map/schema.js";
import type { Redactor } from "../redact.js";
import type { Observation, ProbeRun } from "../types.js";
import type { LoadAllowance } from "../probe.js";
import { collectSide } from "./collect-side.js";
import { mapLimit } from "./limit.js";
import { SharedResources } from "./shared-resources.js";
import { probeOptions, type PlannedPair, type ProbeTask } from "./plan.js";

export interface ProbeResult {
  run: ProbeRun;
  observations: Observation[];
  /** The raw snapshots, for `parity snapshot` and the HTML report's charts. */
  snapshots?: { staging: unknown; production: unknown };
}

export interface PairResult {
  pair: PlannedPair;
  results: ProbeResult[];
}

export type ProgressEvent =
  | { type: "start"; pair: string; probe: string }
  | { type: "end"; pair: string; probe: string; status: ProbeRun["status"]; durationMs: number };

export interface RunOptions {
  map: ParityMap;
  mapDir: string;
  redactor: Redactor;
  concurrency?: number;
  signal?: AbortSignal;
  allowLoad?: LoadAllowance;
  now?: Date;
  onProgress?: (event: ProgressEvent) => void;
}


function reason(error: unknown): string {
  if (error instanceof ProbeError) return error.message;
  const err = error as { message?: string; code?: string };
  // Anything else is unexpected but still a result for this probe, never a crash of the audit.
  return `${err.message ?? String(error)}${err.code && !String(err.message).includes(err.code) ? ` (${err.code})` : ""}`;
}

/** Runs every planned probe: both sides in parallel, at most `concurrency` probes at once. */
export async function runAudit(pairs: PlannedPair[], options: RunOptions): Promise<PairResult[]> {
  const shared = new SharedResources();
  const signal = options.signal ?? new AbortController().signal;
  const differenceIds = options.map.differences.map((d) => d.id);
  const jobs = pairs.flatMap((pair) => pair.tasks.map((task) => ({ pair, task })));

  const runOne = async ({ pair, task }: { pair: PlannedPair; task: ProbeTask }): Promise<ProbeResult> => {
    const started = performance.now();
    options.onProgress?.({ type: "start", pair: pair.name, probe: task.entry.id });
    const context = (env: string) => ({ mapDir: options.mapDir, signal, shared: shared.forEnvironment(env), allowLoad: options.allowLoad });
    const [staging, production] = await Promise.allSettled([
      collectSide(task.probe, task.entry, pair.staging, "staging", context(pair.staging.name)),
      collectSide(task.probe, task.entry, pair.production, "production", context(pair.production.name)),
    ]);
    const run: ProbeRun = { id: task.entry.id, kind: task.entry.kind, status: "ok", durationMs: 0 };
    let observations: Observation[] = [];
    let snapshots: ProbeResult["snapshots"];
    if (staging.status === "rejected" || production.status === "rejected") {
      const failures = [
        staging.status === "rejected" ? `${pair.staging.name}: ${reason(staging.reason)}` : undefined,
        production.status === "rejected" ? `${pair.production.name}: ${reason(production.reason)}` : undefined,
      ].filter(Boolean);
      run.status = "error";
      run.side = staging.status === "rejected" && production.status === "rejected" ? "both" : staging.status === "rejected" ? "staging" : "production";
      run.error = options.redactor.scrub(failures.join("; "));
    } else {
      snapshots = { staging: staging.value, production: production.value };
      try {
        observations = task.probe.compare(staging.value, production.value, {
          probeId: task.entry.id,
          options: probeOptions(task.entry),
          staging: pair.staging,
          production: pair.production,
          differenceIds,
          now: options.now ?? new Date(),
        });
      } catch (error) {
        run.status = "error";
        run.side = "both";
        run.error = options.redactor.scrub(`cannot compare: ${reason(error)}`);
      }
    }
    run.durationMs = Math.round(performance.now() - started);
    options.onProgress?.({ type: "end", pair: pair.name, probe: task.entry.id, status: run.status, durationMs: run.durationMs });
    return { run, observations: options.redactor.scrubValue(observations), snapshots };
  };

  try {
    const results = await mapLimit(jobs, options.concurrency ?? 4, runOne);
    let i = 0;
    return pairs.map((pair) => ({ pair, results: pair.tasks.map(() => results[i++]!) }));
  } finally {
    await shared.closeAll();
  }
}
