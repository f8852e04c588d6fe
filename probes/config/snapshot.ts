import { createHash } from "node:crypto";
import { matchesAny } from "../../src/glob.js";
import { Redactor, redactUrl, urlSecrets } from "../../src/redact.js";
import type { ConfigSnapshot, ConfigValue, FlatConfig } from "./types.js";

/**
 * sha256 of the raw value, first 16 hex characters. Unsalted on purpose: two snapshots collected
 * apart (one by whoever holds production's credentials) must hash equal values equally, and a
 * user can check a hash with `printf %s VALUE | sha256sum`.
 */
export function hashValue(raw: string): string {
  return createHash("sha256").update(raw, "utf8").digest("hex").slice(0, 16);
}

export function isSecretKey(key: string, secrets: readonly string[]): boolean {
  return matchesAny(secrets, key, { caseInsensitive: true });
}

/**
 * Turns raw values into snapshot values. Secret keys keep only their hash. A non-secret value
 * that is a URL with a password (DATABASE_URL=postgres://app:pw@…) keeps its redacted form for
 * display while the hash still covers the password, so a changed password is still seen.
 */
export function toSnapshot(source: string, flat: FlatConfig, secrets: readonly string[]): ConfigSnapshot {
  const keys = Object.keys(flat).sort(byCodeUnit);
  // A secret also hides where it is repeated: inside another value (CALLBACK=…?key=<the API key>)
  // or literally in a command line (`printf '{"API_KEY":"…"}'`) in a shape no pattern foresees.
  const known = new Redactor();
  for (const key of keys) if (isSecretKey(key, secrets)) known.add(flat[key]);
  const values: Record<string, ConfigValue> = {};
  for (const key of keys) {
    const raw = flat[key];
    const secret = isSecretKey(key, secrets);
    values[key] = { value: secret ? null : known.scrub(displayValue(raw)), hash: hashValue(raw), secret };
  }
  return { source: known.scrub(source), values };
}

function displayValue(raw: string): string {
  return raw.includes("://") && urlSecrets(raw).length > 0 ? redactUrl(raw) : raw;
}

/** Locale-independent order, so that the same keys sort the same on every machine. */
export function byCodeUnit(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
