import { cp, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { runPipeline } from "../../src/pipeline.js";
import type { Audit } from "../../src/types.js";
import { repoRoot } from "../cli/run-cli.js";
import { tempFolder } from "../support/temp-folder.js";

/** A fixture folder copied somewhere writable, so audits can change its files and save history beside it. */
export async function scenarioCopy(name: string, options: { service?: string } = {}): Promise<string> {
  const dir = await tempFolder(`parity-history-${path.basename(name)}-`);
  await cp(path.join(repoRoot, "test/fixtures", name), dir, { recursive: true });
  if (options.service) {
    const map = path.join(dir, "parity-map.yaml");
    await writeFile(map, (await readFile(map, "utf8")).replace(/^service: .*$/m, `service: ${options.service}`));
  }
  return dir;
}

export const DAY = 86_400_000;
export const T0 = new Date("2026-09-01T08:00:00.000Z");
export const day = (n: number) => new Date(T0.getTime() + n * DAY);

/** The real engine's audit of a map at a chosen instant. */
export async function auditAt(mapFile: string, now: Date, extra: { probes?: string[] } = {}): Promise<Audit> {
  return (await runPipeline({ mapFile, now, version: "0.1.0", probes: extra.probes })).audit;
}

export function finding(audit: Audit, idPart: string) {
  return audit.pairs.flatMap((p) => p.findings).find((f) => f.id.includes(idPart));
}
