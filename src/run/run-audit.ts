import { setMaxListeners } from "node:events";
import { ProbeError } from "../errors.js";
import type { Environment, ParityMap } from "../map/schema.js";
import type { Redactor } from "../redact.js";
import type { Observation, ProbeRun, SideSource } from "../types.js";
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

/** Progress is per collection: one environment's side of one probe, shared by every pair. */
export type ProgressEvent =
  | { type: "start"; environment: string; probe: string }
  | { type: "end"; environment: string; probe: string; status: "ok" | "error"; durationMs: number };

export interface RunOptions {
  map: ParityMap;
  mapDir: string;
  redactor: Redactor;
  /** Probes collected at once (each on all its environments together). */
  concurrency?: number;
  signal?: AbortSignal;
  allowLoad?: LoadAllowance;
  now?: Date;
  onProgress?: (event: ProgressEvent) => void;
}

type SideOutcome = { ok: true; value: unknown; source: SideSource; durationMs: number } | { ok: false; error: unknown; durationMs: number };

/** One environment's side of one probe: collected once, whatever the number of pairs using it. */
interface Collection {
  env: Environment;
  task: ProbeTask;
  side: "staging" | "production";
  outcome?: Promise<SideOutcome>;
}

function reason(error: unknown): string {
  if (error instanceof ProbeError) return error.message;
  const err = error as { message?: string; code?: string };
  // Anything else is unexpected but still a result for this probe, never a crash of the audit.
  return `${err.message ?? String(error)}${err.code && !String(err.message).includes(err.code) ? ` (${err.code})` : ""}`;
}

/**
 * The collections the pairs need, each (environment, probe) once, grouped by probe in plan
 * order: a region pair and an A/A pair read staging's schema from the same snapshot, and five
 * regions cost staging what one does.
 */
function collectionsOf(pairs: PlannedPair[]): Map<string, Collection[]> {
  const byProbe = new Map<string, Collection[]>();
  const seen = new Set<string>();
  for (const pair of pairs) {
    for (const task of pair.tasks) {
      const list = byProbe.get(task.entry.id) ?? [];
      byProbe.set(task.entry.id, list);
      for (const [env, side] of [[pair.staging, "staging"], [pair.production, "production"]] as const) {
        const key = `${env.name}\u0000${task.entry.id}`;
        if (seen.has(key)) continue;
        seen.add(key);
        list.push({ env, task, side });
      }
    }
  }
  return byProbe;
}

const key = (env: string, probe: string) => `${env}\u0000${probe}`;

/**
 * Runs every planned probe in two phases. First everything that does not measure time, at
 * most `concurrency` probes at once, each on all its environments together. Then the timing
 * probes (latency), one at a time with nothing else running, so their clock never shares the
 * event loop or an environment's rate budget with other work. Each side is collected once and
 * compared against every pair that needs it.
 */
export async function runAudit(pairs: PlannedPair[], options: RunOptions): Promise<PairResult[]> {
  const shared = new SharedResources();
  const signal = options.signal ?? new AbortController().signal;
  const differenceIds = options.map.differences.map((d) => d.id);
  const byProbe = collectionsOf(pairs);
  // Every collection listens on the audit's one signal (its timeout, its sessions, its pools):
  // a few each, which passes Node's default of 10 listeners in any audit of a dozen probes and
  // prints a "possible memory leak" warning to the user. Bounded by the collections, not a leak.
  const collections = [...byProbe.values()].reduce((n, list) => n + list.length, 0);
  setMaxListeners(Math.max(10, 8 * collections), signal);
  const outcomes = new Map<string, Promise<SideOutcome>>();

  const collect = (c: Collection): Promise<SideOutcome> => {
    c.outcome ??= (async () => {
      const started = performance.now();
      options.onProgress?.({ type: "start", environment: c.env.name, probe: c.task.entry.id });
      let outcome: SideOutcome;
      try {
        const value = await collectSide(c.task.probe, c.task.entry, c.env, c.side, {
          mapDir: options.mapDir,
          signal,
          shared: (target) => shared.forEnvironment(c.env.name, target),
          now: options.now,
          allowLoad: options.allowLoad,
        });
        outcome = { ok: true, value: value.data, source: value.source, durationMs: performance.now() - started };
      } catch (error) {
        outcome = { ok: false, error, durationMs: performance.now() - started };
      }
      options.onProgress?.({ type: "end", environment: c.env.name, probe: c.task.entry.id, status: outcome.ok ? "ok" : "error", durationMs: Math.round(outcome.durationMs) });
      return outcome;
    })();
    outcomes.set(key(c.env.name, c.task.entry.id), c.outcome);
    return c.outcome;
  };
  const groups = [...byProbe.values()].filter((list) => list.length > 0);
  const collectGroup = (list: Collection[]) => Promise.all(list.map(collect));

  try {
    await mapLimit(groups.filter((g) => !g[0]!.task.probe.timing), options.concurrency ?? 4, collectGroup);
    for (const group of groups.filter((g) => g[0]!.task.probe.timing)) await collectGroup(group);
  } finally {
    await shared.closeAll();
  }

  const compareOne = async (pair: PlannedPair, task: ProbeTask): Promise<ProbeResult> => {
    const [staging, production] = await Promise.all([outcomes.get(key(pair.staging.name, task.entry.id))!, outcomes.get(key(pair.production.name, task.entry.id))!]);
    const run: ProbeRun = { id: task.entry.id, kind: task.entry.kind, status: "ok", durationMs: 0 };
    const sides: NonNullable<ProbeRun["sides"]> = {};
    if (staging.ok) sides.staging = staging.source;
    if (production.ok) sides.production = production.source;
    run.sides = sides;
    let observations: Observation[] = [];
    let snapshots: ProbeResult["snapshots"];
    const started = performance.now();
    if (!staging.ok || !production.ok) {
      const failures = [
        !staging.ok ? `${pair.staging.name}: ${reason(staging.error)}` : undefined,
        !production.ok ? `${pair.production.name}: ${reason(production.error)}` : undefined,
      ].filter(Boolean);
      run.status = "error";
      run.side = !staging.ok && !production.ok ? "both" : !staging.ok ? "staging" : "production";
      run.error = options.redactor.scrub(failures.join("; "));
    } else {
      snapshots = { staging: staging.value, production: production.value };
      try {
        observations = task.probe.compare(staging.value, production.value, {
          probeId: task.entry.id,
          options: probeOptions(task.entry, task.probe),
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
    // A pair's probe took as long as its slower side (collected once, maybe for other pairs too).
    run.durationMs = Math.round(Math.max(staging.durationMs, production.durationMs) + performance.now() - started);
    return { run, observations: options.redactor.scrubValue(observations), snapshots };
  };

  const results: PairResult[] = [];
  for (const pair of pairs) results.push({ pair, results: await Promise.all(pair.tasks.map((task) => compareOne(pair, task))) });
  return results;
}
