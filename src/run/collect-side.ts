import { ProbeError } from "../errors.js";
import type { Environment, ProbeEntry } from "../map/schema.js";
import type { Closable, CollectContext, LoadAllowance, Probe } from "../probe.js";
import { environmentFor, resolveTarget, type ResolvedTarget } from "../map/resolve-target.js";
import { defaultHasher, type SecretHasher } from "../secret-hash.js";
import { probeOptions } from "./plan.js";
import type { SideSource } from "../types.js";
import { readSnapshotFile, snapshotFor, snapshotRefFile, snapshotSource, type SnapshotRef } from "./snapshot-file.js";

export const DEFAULT_TIMEOUT_MS = 60_000;

export interface SideContext {
  mapDir: string;
  signal: AbortSignal;
  /** Shared resources of this environment; the runner scopes them per target as well. */
  shared: (target: string) => <T extends Closable>(key: string, create: () => T) => T;
  /** The audit's clock, against which a snapshot's age is judged (default: now). */
  now?: Date;
  /** Default: PARITY_HASH_KEY, or one random key for the whole process (so both sides match). */
  hasher?: SecretHasher;
  /** `--allow-load`: the HTTP caps this audit may use beyond the map's bounds. */
  allowLoad?: LoadAllowance;
}

/** One side's snapshot and where it came from. */
export interface CollectedSide {
  data: unknown;
  source: SideSource;
}

export function timeoutOf(entry: ProbeEntry, probe: Probe<unknown, unknown>): number {
  return entry.timeoutMs ?? probe.defaultTimeoutMs ?? DEFAULT_TIMEOUT_MS;
}

/**
 * One side of one probe: from a snapshot file when the environment names one for the probe's
 * target, otherwise live, under a deadline. The deadline is enforced twice: the signal tells a
 * well-behaved probe to stop, and the race ends the wait even if a driver ignores the signal.
 */
export async function collectSide(
  probe: Probe<unknown, unknown>,
  entry: ProbeEntry,
  env: Environment,
  side: "staging" | "production",
  context: SideContext,
): Promise<CollectedSide> {
  // After a cancel nothing new starts on a target.
  if (context.signal.aborted) throw new ProbeError("cancelled before it started");
  let target: ResolvedTarget | undefined;
  if (probe.target) {
    const resolved = resolveTarget(env, env.name, probe.target, entry[probe.target.probeKey] as string | undefined);
    // Validation catches this for a map it loaded; a programmatic caller still gets a clear reason.
    if (!resolved.ok) throw new ProbeError(`${resolved.problem.message}, which a ${probe.kind} probe needs`);
    target = resolved.target;
    env = environmentFor(env, probe.target, target);
  }
  const snapshot = target?.section.snapshot as SnapshotRef | undefined;
  if (snapshot) {
    const name = snapshotRefFile(snapshot);
    const file = await readSnapshotFile(name, context.mapDir);
    const source = snapshotSource(file, snapshot, context.now ?? new Date());
    return { data: snapshotFor(file, name, entry.id, probe.kind), source };
  }
  const timeoutMs = timeoutOf(entry, probe);
  const controller = new AbortController();
  const onOuterAbort = () => controller.abort(context.signal.reason);
  context.signal.addEventListener("abort", onOuterAbort, { once: true });
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const error = new ProbeError(`timed out after ${timeoutMs} ms`);
      controller.abort(error);
      reject(error);
    }, timeoutMs);
  });
  const ctx: CollectContext<unknown> = {
    probeId: entry.id,
    options: probeOptions(entry, probe),
    signal: controller.signal,
    timeoutMs,
    side,
    mapDir: context.mapDir,
    shared: context.shared(target?.name ?? ""),
    secretHash: (context.hasher ?? defaultHasher()).hash,
    hashKey: (context.hasher ?? defaultHasher()).keyId,
    allowLoad: context.allowLoad,
  };
  try {
    return { data: await Promise.race([probe.collect(env, ctx), deadline]), source: { source: "live" } };
  } catch (error) {
    // A driver's AbortError after our own timeout should read as the timeout.
    if (controller.signal.aborted && controller.signal.reason instanceof ProbeError) throw controller.signal.reason;
    throw error;
  } finally {
    clearTimeout(timer);
    context.signal.removeEventListener("abort", onOuterAbort);
  }
}
