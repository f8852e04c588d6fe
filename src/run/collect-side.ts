import { ProbeError } from "../errors.js";
import type { Environment, ProbeEntry } from "../map/schema.js";
import type { Closable, CollectContext, LoadAllowance, Probe } from "../probe.js";
import { probeOptions } from "./plan.js";
import { readSnapshotFile, snapshotFor } from "./snapshot-file.js";

export const DEFAULT_TIMEOUT_MS = 60_000;

export interface SideContext {
  mapDir: string;
  signal: AbortSignal;
  shared: <T extends Closable>(key: string, create: () => T) => T;
  allowLoad?: LoadAllowance;
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
): Promise<unknown> {
  const section = probe.target ? (env[probe.target] as { snapshot?: string } | undefined) : undefined;
  if (probe.target && !section) {
    throw new ProbeError(`environment "${env.name}" has no ${probe.target} section, which a ${probe.kind} probe needs (add environments.${env.name}.${probe.target})`);
  }
  if (section?.snapshot) {
    const file = await readSnapshotFile(section.snapshot, context.mapDir);
    return snapshotFor(file, section.snapshot, entry.id, probe.kind);
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
    options: probeOptions(entry),
    signal: controller.signal,
    timeoutMs,
    side,
    mapDir: context.mapDir,
    shared: context.shared,
    allowLoad: context.allowLoad,
  };
  try {
    return await Promise.race([probe.collect(env, ctx), deadline]);
  } catch (error) {
    // A driver's AbortError after our own timeout should read as the timeout.
    if (controller.signal.aborted && controller.signal.reason instanceof ProbeError) throw controller.signal.reason;
    throw error;
  } finally {
    clearTimeout(timer);
    context.signal.removeEventListener("abort", onOuterAbort);
  }
}
