import { readFile } from "node:fs/promises";
import path from "node:path";
import { auditSchema } from "../assess/audit-schema.js";
import { UsageError } from "../errors.js";
import type { Audit } from "../types.js";

/**
 * Reads a JSON audit written by `parity audit --format json` (schemaVersion 2), or says plainly
 * why it is not one: a file that is JSON but not an audit (a snapshot, a hand-cut excerpt,
 * another tool's output) must be a usage error, not a crash in a renderer.
 */
export async function readAuditFile(file: string): Promise<Audit> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(path.resolve(file), "utf8"));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UsageError(`cannot read ${file}: ${code === "ENOENT" ? "no such file" : code === "EISDIR" ? "it is a folder" : (error as Error).message}`);
  }
  const rewrite = `parity audit ${file.toLowerCase().endsWith(".json") ? "" : "--format json "}--out ${file}`;
  const version = (parsed as { schemaVersion?: unknown } | null)?.schemaVersion;
  if (version === 1) {
    throw new UsageError(`${file} is a version 1 audit, written by an older parity; this one reads version 2 (with a verdict and finding kinds). Regenerate it: \`${rewrite}\``);
  }
  const result = auditSchema.safeParse(parsed);
  if (!result.success) {
    const where = result.error.issues[0]?.path.join(".");
    throw new UsageError(`${file} is not a parity JSON audit${where ? ` (at ${where})` : ""}; write one with \`${rewrite}\``);
  }
  // The file as written (zod would reorder keys): a re-render of it is byte for byte the original.
  return parsed as Audit;
}
