import { matchesAny } from "../../src/glob.js";
import { redactUrl, REDACTED, urlSecrets } from "../../src/redact.js";
import { hashValue } from "../config/snapshot.js";
import { isRecord } from "./lists.js";

/**
 * A secret value as a snapshot keeps it: only its hash, so two sides still compare (a changed
 * password is seen) while the value itself never leaves collection. Reports show «redacted».
 */
export const SECRET_PREFIX = "«secret sha256:";

export function secretMark(raw: string): string {
  return `${SECRET_PREFIX}${hashValue(raw)}»`;
}

export function isSecretMark(value: unknown): value is string {
  return typeof value === "string" && value.startsWith(SECRET_PREFIX);
}

/** A string with the marks a redacted URL carries taken out (its «redacted» parts stay). */
export function withoutMarks(value: unknown): unknown {
  return typeof value === "string" && value.includes(SECRET_PREFIX) ? value.replace(/\s*«secret sha256:[0-9a-f]+»/g, "") : value;
}

/** How a value that may hold a secret mark is shown: «redacted» for the mark itself. */
export function shownValue(value: unknown): unknown {
  return isSecretMark(value) ? REDACTED : value;
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
export function protectSecrets(node: unknown, secrets: readonly string[], known: ReadonlySet<string> = new Set()): unknown {
  if (typeof node === "string") return guardString(node, known);
  if (Array.isArray(node)) {
    for (let i = 0; i < node.length; i++) node[i] = protectSecrets(node[i], secrets, known);
    return node;
  }
  if (!isRecord(node)) return node;
  const entryName = typeof node.name === "string" ? node.name : typeof node.key === "string" ? node.key : undefined;
  const namedSecret = entryName !== undefined && matchesAny(secrets, entryName, { caseInsensitive: true });
  for (const key of Object.keys(node)) {
    const value = node[key];
    const secretKey = (namedSecret && key === "value") || (!REFERENCE_KEY.test(key) && matchesAny(secrets, key, { caseInsensitive: true }));
    if (secretKey && typeof value === "string") node[key] = secretMark(value);
    else node[key] = protectSecrets(value, secrets, known);
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
