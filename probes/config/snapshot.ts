import { matchesAny } from "../../src/glob.js";
import { Redactor, redactUrl, urlSecrets } from "../../src/redact.js";
import { defaultHasher } from "../../src/secret-hash.js";
import { findSecrets } from "../../src/secret-scan.js";
import type { ConfigSnapshot, ConfigValue, FlatConfig } from "./types.js";

export function isSecretKey(key: string, secrets: readonly string[]): boolean {
  return matchesAny(secrets, key, { caseInsensitive: true });
}

/** How values are hashed and which ones look like secrets whatever their key. */
export interface SnapshotSecrets {
  /** Keyed hash (ctx.secretHash): equal values hash equally within one key, nothing is recoverable without it. */
  hash: (value: string) => string;
  hashKey: string;
  /** Secret strings found inside values by their look (secretLookingValues). */
  detected: readonly string[];
}

/**
 * The secret strings inside configuration values, by their look (a JWT, an AKIA… key, a PEM
 * private key, sk_live_…, a Slack webhook …), whatever the key is called: `SESSION_BLOB` holding
 * a token is as secret as `API_TOKEN`. About 40 ms for 10,000 values (bench/secret-scan.mjs).
 */
export function secretLookingValues(flat: FlatConfig): Promise<string[]> {
  return findSecrets(Object.values(flat));
}

/**
 * Turns raw values into snapshot values. Secret keys, and values that look like secrets, keep
 * only their keyed hash. A non-secret value that is a URL with a password (DATABASE_URL=
 * postgres://app:pw@…) keeps its redacted form for display while the hash still covers the
 * password, so a changed password is still seen.
 */
export function toSnapshot(source: string, flat: FlatConfig, secrets: readonly string[], how?: Partial<SnapshotSecrets>): ConfigSnapshot {
  const hasher = defaultHasher();
  const hash = how?.hash ?? hasher.hash;
  const detected = how?.detected ?? [];
  const keys = Object.keys(flat).sort(byCodeUnit);
  // A secret also hides where it is repeated: inside another value (CALLBACK=…?key=<the API key>)
  // or literally in a command line (`printf '{"API_KEY":"…"}'`) in a shape no pattern foresees.
  const known = new Redactor().add(...detected);
  const lookalikes = new Redactor().add(...detected);
  const display = new Map(keys.map((key) => [key, displayValue(flat[key]!)]));
  // By what is left to show: a URL's password is already hidden by redactUrl (and still hashed).
  const byLook = new Set(detected.length ? keys.filter((key) => !isSecretKey(key, secrets) && lookalikes.scrub(display.get(key)!) !== display.get(key)) : []);
  for (const key of keys) if (isSecretKey(key, secrets) || byLook.has(key)) known.add(flat[key]);
  const values: Record<string, ConfigValue> = {};
  for (const key of keys) {
    const raw = flat[key]!;
    const secret = byLook.has(key) || isSecretKey(key, secrets);
    values[key] = { value: secret ? null : known.scrub(display.get(key)!), hash: hash(raw), secret, ...(byLook.has(key) ? { detected: true as const } : {}) };
  }
  return { source: known.scrub(source), hashKey: how?.hashKey ?? (how?.hash ? "unknown" : hasher.keyId), values };
}

function displayValue(raw: string): string {
  return raw.includes("://") && urlSecrets(raw).length > 0 ? redactUrl(raw) : raw;
}

/** Locale-independent order, so that the same keys sort the same on every machine. */
export function byCodeUnit(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
