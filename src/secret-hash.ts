import { createHmac, randomBytes } from "node:crypto";

/** The environment variable that holds the team's hash key (the same wherever snapshots are taken). */
export const HASH_KEY_VARIABLE = "PARITY_HASH_KEY";

/**
 * Keyed hashes for values a snapshot must not reveal (secret configuration values, masked data
 * categories, secret-looking header values): HMAC-SHA-256, first 16 hex digits. Equal values hash
 * equally under one key, so both sides of an audit still compare; without the key, a snapshot
 * file's hashes cannot be brute-forced (a plain SHA-256 of a 4-digit secret falls in milliseconds).
 */
export interface SecretHasher {
  hash(value: string): string;
  /**
   * Names the key without revealing it: `key:` + an HMAC of a fixed text, or `random:` + the same
   * for a throw-away key. Snapshots record it; sides hashed under different keys are not compared.
   */
  keyId: string;
}

export function hasherFor(key: string | undefined): SecretHasher {
  const persistent = key !== undefined && key !== "";
  // Without a key: a random one for this process (one audit), so both sides of this audit match.
  const secret = persistent ? Buffer.from(key, "utf8") : randomBytes(32);
  const hmac = (text: string) => createHmac("sha256", secret).update(text, "utf8").digest("hex");
  return {
    hash: (value) => hmac(value).slice(0, 16),
    keyId: `${persistent ? "key" : "random"}:${hmac("parity hash key id").slice(0, 12)}`,
  };
}

let processHasher: SecretHasher | undefined;

/** The hasher of this process: PARITY_HASH_KEY when set, else one random key for the whole run. */
export function defaultHasher(): SecretHasher {
  processHasher ??= hasherFor(process.env[HASH_KEY_VARIABLE]);
  return processHasher;
}

/** Why two sides' hashes cannot be compared, or null when they can (made with the same key). */
export function hashKeyMismatch(staging: string | undefined, production: string | undefined): string | null {
  // Both absent: two snapshots from before keyed hashes, made the same (unkeyed) way.
  if (staging === production) return null;
  const older = [staging === undefined ? "staging" : "", production === undefined ? "production" : ""].filter(Boolean);
  const unset = [staging, production].some((id) => id?.startsWith("random:"));
  const why = older.length
    ? `the ${older.join(" and ")} snapshot was written by an older parity, with unkeyed hashes`
    : `staging and production were hashed with different keys (${HASH_KEY_VARIABLE} was ${unset ? "not set" : "different"} when one side, a snapshot file, was collected)`;
  return `${why}; set ${HASH_KEY_VARIABLE} to the same value wherever each side is collected`;
}
