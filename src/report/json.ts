import type { Audit } from "../types.js";

/** The machine contract: the Audit itself (schemaVersion 2, described by schema/audit.schema.json), already redacted by the engine. */
export function renderJson(audit: Audit): string {
  return `${JSON.stringify(audit, null, 2)}\n`;
}
