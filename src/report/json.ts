import type { Audit } from "../types.js";

/** The machine contract: the Audit itself (schemaVersion 1), already redacted by the engine. */
export function renderJson(audit: Audit): string {
  return `${JSON.stringify(audit, null, 2)}\n`;
}
