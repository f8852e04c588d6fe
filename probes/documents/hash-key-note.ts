import type { Observation } from "../../src/types.js";

/**
 * The one note a probe gives for what it could not compare because the two sides' hashes were
 * made under different keys (src/secret-hash.ts): what was left out, a few of them by name, and
 * why (`mismatch`, the sentence of hashKeyMismatch). Inconclusive, never a difference.
 */
export function hashKeyNote(
  subject: string,
  what: (n: number) => string,
  names: string[],
  mismatch: string,
  hashKeys: { staging?: string; production?: string },
  shown = 5,
): Observation {
  const listed = `${names.slice(0, shown).join(", ")}${names.length > shown ? " …" : ""}`;
  return {
    subject,
    aspect: "hash-key",
    severity: "low",
    kind: "inconclusive",
    message: `${what(names.length)} (${listed}): ${mismatch}`,
    staging: hashKeys.staging ?? null,
    production: hashKeys.production ?? null,
  };
}
