import { readFile } from "node:fs/promises";
import path from "node:path";
import { ProbeError } from "../errors.js";
import type { JsonValue, SideSource } from "../types.js";

/**
 * A snapshot file: what probes collected from one environment, saved by `parity snapshot`
 * so that production can be collected once by whoever holds the credentials and compared
 * offline. Secrets are already redacted inside `data` by the probes and the redactor.
 */
export interface SnapshotFile {
  format: "parity-snapshot";
  version: 1;
  service: string;
  environment: string;
  collectedAt: string;
  parityVersion: string;
  probes: Record<string, { kind: string; data: JsonValue }>;
}

export async function readSnapshotFile(file: string, mapDir: string): Promise<SnapshotFile> {
  const full = path.resolve(mapDir, file);
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(full, "utf8"));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new ProbeError(`cannot read snapshot ${file}: ${code === "ENOENT" ? "no such file" : (error as Error).message}`);
  }
  const snapshot = parsed as Partial<SnapshotFile>;
  if (snapshot.format !== "parity-snapshot" || snapshot.version !== 1 || typeof snapshot.probes !== "object") {
    throw new ProbeError(`${file} is not a parity snapshot (expected format "parity-snapshot", version 1; write one with \`parity snapshot\`)`);
  }
  return snapshot as SnapshotFile;
}

/** The saved data for one probe: by id, or the only snapshot of the same kind. */
export function snapshotFor(file: SnapshotFile, fileName: string, probeId: string, kind: string): JsonValue {
  const byId = file.probes[probeId];
  if (byId) {
    if (byId.kind !== kind) throw new ProbeError(`snapshot ${fileName} holds a ${byId.kind} snapshot for "${probeId}", not a ${kind} one`);
    return byId.data;
  }
  const sameKind = Object.values(file.probes).filter((p) => p.kind === kind);
  if (sameKind.length === 1) return sameKind[0]!.data;
  const held = Object.keys(file.probes);
  throw new ProbeError(`snapshot ${fileName} has nothing for probe "${probeId}" (it holds: ${held.join(", ") || "nothing"})`);
}

/** A map's snapshot reference: `snapshot: FILE` or `snapshot: { file, maxAgeDays }`. */
export type SnapshotRef = string | { file: string; maxAgeDays?: number };

export function snapshotRefFile(ref: SnapshotRef): string {
  return typeof ref === "string" ? ref : ref.file;
}

const DAY_MS = 86_400_000;

/**
 * Where the side came from, with its age against the audit's clock. A snapshot older than the
 * reference's `maxAgeDays` is a probe error: evidence that old must not pass as today's.
 */
export function snapshotSource(file: SnapshotFile, ref: SnapshotRef, now: Date): Extract<SideSource, { source: "snapshot" }> {
  const name = snapshotRefFile(ref);
  const collected = Date.parse(file.collectedAt);
  if (Number.isNaN(collected)) throw new ProbeError(`snapshot ${name} has no readable collectedAt date ("${file.collectedAt}"); write a fresh one with \`parity snapshot\``);
  const ageDays = Math.max(0, Math.floor((now.getTime() - collected) / DAY_MS));
  const maxAgeDays = typeof ref === "string" ? undefined : ref.maxAgeDays;
  if (maxAgeDays !== undefined && ageDays > maxAgeDays) {
    throw new ProbeError(
      `snapshot ${name} was collected ${file.collectedAt.slice(0, 10)} (${ageDays} days ago), older than its maxAgeDays of ${maxAgeDays}; collect a fresh one with \`parity snapshot --env ${file.environment}\``,
    );
  }
  return { source: "snapshot", file: name, collectedAt: file.collectedAt, ageDays };
}
