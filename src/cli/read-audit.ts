import { readFile } from "node:fs/promises";
import path from "node:path";
import { z } from "zod";
import { UsageError } from "../errors.js";
import type { Audit } from "../types.js";

// The shape the checklist and suggestions read; a file that is JSON but not this (a snapshot,
// a hand-cut excerpt, another tool's output) must be a usage error, not a crash in a renderer.
const finding = z.looseObject({ probe: z.string(), subject: z.string(), aspect: z.string(), class: z.string(), message: z.string() });
const auditShape = z.looseObject({
  schemaVersion: z.literal(1),
  service: z.string(),
  generatedAt: z.string(),
  pairs: z.array(z.looseObject({ name: z.string(), staging: z.string(), production: z.string(), probes: z.array(z.looseObject({ id: z.string() })), findings: z.array(finding), dimensions: z.record(z.string(), z.looseObject({ rating: z.string() })) })),
  upkeep: z.looseObject({ stale: z.array(z.string()), overdue: z.array(z.string()) }),
});

/** Reads a JSON audit written by `parity audit --format json`, or says plainly why it is not one. */
export async function readAuditFile(file: string): Promise<Audit> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(path.resolve(file), "utf8"));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UsageError(`cannot read ${file}: ${code === "ENOENT" ? "no such file" : code === "EISDIR" ? "it is a folder" : (error as Error).message}`);
  }
  const result = auditShape.safeParse(parsed);
  if (!result.success) {
    const where = result.error.issues[0]?.path.join(".");
    throw new UsageError(`${file} is not a parity JSON audit${where ? ` (at ${where})` : ""}; write one with \`parity audit --format json --out ${file}\``);
  }
  return parsed as Audit;
}
