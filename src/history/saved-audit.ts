import { auditSchema } from "../assess/audit-schema.js";
import type { Audit } from "../types.js";

export type ParsedSaved = { audit: Audit } | { skip: string };

/**
 * A saved audit's text, or why it is not one — named, so a folder that also holds snapshots or
 * another tool's JSON says what it passed over instead of failing or silently shrinking.
 */
export function parseSavedAudit(text: string): ParsedSaved {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { skip: `not JSON (${(error as Error).message})` };
  }
  if (!json || typeof json !== "object" || Array.isArray(json)) return { skip: "not a parity audit (not a JSON object)" };
  const version = (json as { schemaVersion?: unknown }).schemaVersion;
  if (version === undefined) return { skip: "not a parity audit (no schemaVersion)" };
  if (version !== 2) return { skip: `a version ${JSON.stringify(version)} audit; this parity reads version 2 (regenerate it with \`parity audit --out FILE.json\`)` };
  const result = auditSchema.safeParse(json);
  if (!result.success) {
    const where = result.error.issues[0]?.path.join(".");
    return { skip: `not a parity audit${where ? ` (at ${where})` : ""}` };
  }
  // The text as written (zod would reorder keys): what a renderer shows stays what was saved.
  return { audit: json as Audit };
}
