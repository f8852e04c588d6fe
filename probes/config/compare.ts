import type { Observation, Severity } from "../../src/types.js";
import { globMatcher } from "../../src/glob.js";
import { REDACTED } from "../../src/redact.js";
import { hashKeyMismatch } from "../../src/secret-hash.js";
import { hashKeyNote } from "../documents/hash-key-note.js";
import { CONTENT_KEYED } from "./flatten.js";
import { ignoredNote } from "../documents/ignored.js";
import { byCodeUnit, isSecretKey } from "./snapshot.js";
import type { ConfigOptions, ConfigSnapshot, ConfigValue } from "./types.js";

/**
 * Severity rule (also in the README):
 * - a key missing on one side is HIGH when its name says it points somewhere or bounds a wait
 *   (a URL, URI, HOST, ENDPOINT, ADDR/ADDRESS, DSN, PORT or TIMEOUT word in the key), because the
 *   application then silently falls back to a default target or deadline; otherwise MEDIUM;
 * - a value that differs is MEDIUM;
 * - a secret that differs (or a URL differing only in its password) is LOW: credentials are
 *   supposed to differ between environments, the finding only says they do.
 */
const TARGET_WORDS = new Set(["URL", "URLS", "URI", "URIS", "HOST", "HOSTS", "HOSTNAME", "ENDPOINT", "ENDPOINTS", "ADDR", "ADDRESS", "DSN", "PORT", "TIMEOUT", "TIMEOUTS"]);

export function compareConfig(staging: ConfigSnapshot, production: ConfigSnapshot, options: ConfigOptions): Observation[] {
  const keys = new Set([...Object.keys(staging.values), ...Object.keys(production.values)]);
  const observations: Observation[] = [];
  // Hashes made under different keys (a snapshot taken without PARITY_HASH_KEY) say nothing about
  // equality: plain values are compared as text, secret ones not at all, and one note says why.
  const mismatch = hashKeyMismatch(staging.hashKey, production.hashKey);
  const uncompared: string[] = [];
  const unmatched: string[] = [];
  const ignored = new Map<string, number>();
  for (const key of [...keys].sort(byCodeUnit)) {
    const s = staging.values[key];
    const p = production.values[key];
    // An ignored key that differs is counted for the report's notes, never silently dropped.
    const rule = options.ignore.find((pattern) => globMatcher(pattern)(key));
    if (rule !== undefined) {
      if (s?.hash !== p?.hash) ignored.set(rule, (ignored.get(rule) ?? 0) + 1);
      continue;
    }
    // Secret if either snapshot says so or today's globs say so: a snapshot saved with narrower
    // globs must not reveal a value the map now treats as secret.
    const secret = Boolean(s?.secret || p?.secret) || isSecretKey(key, options.secrets);
    if (s && p && mismatch && (secret || s.value === null || p.value === null || s.value.includes(REDACTED) || p.value.includes(REDACTED))) {
      uncompared.push(key);
      continue;
    }
    // A list item without an identity is keyed by a keyed hash of its content: under two keys the
    // same item has two names, so one side's name missing on the other says nothing.
    if ((!s || !p) && mismatch && CONTENT_KEYED.test(key)) {
      unmatched.push(key);
      continue;
    }
    const observation = s && p ? differs(key, s, p, secret, mismatch === null, Boolean(s.detected || p.detected)) : missing(key, s ?? null, p ?? null, secret);
    if (observation) observations.push(observation);
  }
  if (mismatch && uncompared.length) {
    observations.push(hashKeyNote("secret values", (n) => `${n} secret value${n === 1 ? " was" : "s were"} not compared`, uncompared, mismatch, { staging: staging.hashKey, production: production.hashKey }));
  }
  if (mismatch && unmatched.length) {
    const what = (n: number) => `${n} setting${n === 1 ? "" : "s"} inside list items keyed by their content could not be matched between the sides`;
    observations.push(hashKeyNote("list items without an identity", what, unmatched, mismatch, { staging: staging.hashKey, production: production.hashKey }));
  }
  const note = ignoredNote(ignored);
  if (note) observations.push(note);
  return observations;
}

function differs(key: string, s: ConfigValue, p: ConfigValue, secret: boolean, byHash: boolean, detected: boolean): Observation | null {
  if (byHash ? s.hash === p.hash : s.value === p.value) return null;
  if (secret) {
    const why = detected && !(s.secret && !s.detected) && !(p.secret && !p.detected) ? "its value looks like a credential" : "secret";
    return { subject: key, aspect: "value", severity: "low", message: `${key} differs (${why}, compared by hash)`, staging: REDACTED, production: REDACTED };
  }
  const sv = s.value ?? REDACTED;
  const pv = p.value ?? REDACTED;
  if (sv === pv) {
    // Equal once redacted: the difference is in a password or token inside a URL.
    return { subject: key, aspect: "value", severity: "low", message: `${key} differs only in its secret parts (compared by hash)`, staging: sv, production: pv };
  }
  return { subject: key, aspect: "value", severity: "medium", message: `${key} is ${show(sv)} in staging and ${show(pv)} in production`, staging: sv, production: pv };
}

function missing(key: string, s: ConfigValue | null, p: ConfigValue | null, secret: boolean): Observation {
  const present = (s ?? p) as ConfigValue;
  const [setIn, missingIn] = s ? ["staging", "production"] : ["production", "staging"];
  const value = secret ? REDACTED : (present.value ?? REDACTED);
  const shown = secret ? " (secret, value not shown)" : ` (${show(value)})`;
  return {
    subject: key,
    aspect: `missing-in-${missingIn}`,
    severity: missingSeverity(key),
    message: `${key} is set in ${setIn}${shown} but missing in ${missingIn}`,
    staging: s ? value : null,
    production: p ? value : null,
  };
}

export function missingSeverity(key: string): Severity {
  const words = key
    .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
    .split(/[^A-Za-z0-9]+/)
    .map((w) => w.toUpperCase());
  return words.some((w) => TARGET_WORDS.has(w)) ? "high" : "medium";
}

/** Values as a sentence shows them: plain, unless empty, padded or too long to read. */
function show(value: string): string {
  if (value === "" || value.trim() !== value) return JSON.stringify(value);
  return value.length > 80 ? `${value.slice(0, 77)}…` : value;
}
