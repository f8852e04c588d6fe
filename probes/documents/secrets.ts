import { matchesAny } from "../../src/glob.js";
import { redactUrl, urlSecrets } from "../../src/redact.js";
import { defaultHasher } from "../../src/secret-hash.js";
import { isRecord } from "./lists.js";

/**
 * A secret value as a snapshot keeps it: only its keyed hash (HMAC under PARITY_HASH_KEY, or this
 * run's random key, as every probe's secret hashes), so two sides still compare (a changed
 * password is seen) while the value itself never leaves collection and a snapshot file alone
 * cannot be brute-forced. Reports show «redacted».
 */
export const SECRET_PREFIX = "«secret hmac:";

export function secretMark(raw: string): string {
  return `${SECRET_PREFIX}${defaultHasher().hash(raw)}»`;
}

export function isSecretMark(value: unknown): value is string {
  return typeof value === "string" && value.startsWith(SECRET_PREFIX);
}

/** A string with the marks a redacted URL carries taken out (its «redacted» parts stay). */
export function withoutMarks(value: unknown): unknown {
  return typeof value === "string" && value.includes(SECRET_PREFIX) ? value.replace(/\s*«secret hmac:[0-9a-f]+»/g, "") : value;
}

/**
 * Keys that name a secret rather than hold one (`secretKeyRef.key: password`, `secretName`,
 * `passwordFile` …): their values are references engineers need to see.
 */
const REFERENCE_KEY = /(^key$|name$|ref$|path$|file$|mode$|policy$|^type$)/i;

/**
 * Replaces, in place, every string that is a secret by its mark: values under keys matching
 * the secret globs (case-insensitive, e.g. `*PASSWORD*`), `value` of `{ name: DB_PASSWORD,
 * value: … }` entries (env lists), and extra strings the caller knows to be secret (Terraform's
 * sensitive values, wherever they are repeated). A URL with a password keeps its redacted form
 * and the hash of the whole.
 */
const decisions = new WeakMap<readonly string[], Map<string, boolean>>();

export function protectSecrets(node: unknown, secrets: readonly string[], known: ReadonlySet<string> = new Set()): unknown {
  // Documents repeat the same few hundred keys thousands of times: decide each name once per
  // list of globs (the probe's options, the same array for every object of a collection).
  let cache = decisions.get(secrets);
  if (!cache) decisions.set(secrets, (cache = new Map()));
  const decided = cache;
  const isSecret = (name: string): boolean => {
    let hit = decided.get(name);
    if (hit === undefined) decided.set(name, (hit = matchesAny(secrets, name, { caseInsensitive: true })));
    return hit;
  };
  return protect(node, isSecret, known);
}

function protect(node: unknown, isSecret: (name: string) => boolean, known: ReadonlySet<string>): unknown {
  if (typeof node === "string") return known.size || node.includes("://") ? guardString(node, known) : node;
  if (Array.isArray(node)) {
    for (let i = 0; i < node.length; i++) node[i] = protect(node[i], isSecret, known);
    return node;
  }
  if (!isRecord(node)) return node;
  const entryName = typeof node.name === "string" ? node.name : typeof node.key === "string" ? node.key : undefined;
  const namedSecret = entryName !== undefined && isSecret(entryName);
  for (const key of Object.keys(node)) {
    const value = node[key];
    if (typeof value === "string") {
      const secretKey = (namedSecret && key === "value") || (!REFERENCE_KEY.test(key) && isSecret(key));
      node[key] = secretKey ? secretMark(value) : protect(value, isSecret, known);
    } else if (typeof value === "object" && value !== null) node[key] = protect(value, isSecret, known);
  }
  return node;
}

function guardString(value: string, known: ReadonlySet<string>): string {
  if (known.has(value)) return secretMark(value);
  for (const secret of known) if (secret.length >= 4 && value.includes(secret)) return secretMark(value);
  if (value.includes("://") && urlSecrets(value).length > 0) return `${redactUrl(value)} ${secretMark(value)}`;
  return value;
}

/** Replaces every string value under `node` by its mark (a Kubernetes Secret's data). */
export function markAll(node: unknown): unknown {
  if (typeof node === "string") return secretMark(node);
  if (Array.isArray(node)) return node.map(markAll);
  if (isRecord(node)) return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, markAll(v)]));
  return node;
}
