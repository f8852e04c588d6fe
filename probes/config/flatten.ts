import { canonicalText } from "../documents/canonical.js";
import { DEFAULT_LIST_RULES, isRecord, listMode, type ListRules } from "../documents/lists.js";
import { joinPath } from "../documents/path-glob.js";
import { defaultHasher } from "../../src/secret-hash.js";
import type { FlatConfig } from "./types.js";

/**
 * Nested JSON/YAML becomes dotted keys (`db.pool.max`) so that a nested document and a flat
 * `.env` file compare key by key. Lists are read the way engineers read them (the shared
 * document rules in probes/documents/lists.ts): a list of objects with an identity becomes
 * keys by that identity (`containers[api].image`, `env[DB_HOST].value`), so the same list in
 * another order is the same configuration; objects without one are keyed by a hash of their
 * content (`ports[#1f2e3d4c].containerPort`); a list of scalars is one value, its members sorted
 * (a set), or in order where the map says order matters (`sequences`).
 * Non-string leaves are rendered as JSON text, which makes the number 3000 in a JSON file equal
 * the string "3000" in a .env file. Empty objects and lists are kept as `{}` / `[]` leaves so
 * that their presence is still compared.
 */
export function flatten(value: unknown, rules: ListRules = DEFAULT_LIST_RULES, prefix = "", schem = "", out: FlatConfig = {}): FlatConfig {
  if (Array.isArray(value)) {
    if (value.length === 0) {
      if (prefix) out[prefix] = "[]";
      return out;
    }
    const mode = listMode(schem, rules, value);
    if (mode.mode === "keyed") {
      for (const item of value) flatten(item, rules, joinPath(prefix, mode.identity(item)), schem, out);
    } else if (mode.mode === "sequence") {
      value.forEach((item, i) => flatten(item, rules, joinPath(prefix, String(i)), schem, out));
    } else if (value.every((item) => typeof item !== "object" || item === null)) {
      out[prefix || "(list)"] = canonicalText(value, schem, rules);
    } else {
      // Objects without an identity are keyed by their content, so their fields stay keys of
      // their own (a `password` inside one is still matched by the secret globs) and the same
      // members in another order are the same keys. The content may hold that password and the
      // key is printed in every output, so it is the audit's keyed hash (HMAC), not a plain digest
      // a snapshot's reader could brute-force.
      for (const item of value) flatten(item, rules, joinPath(prefix, contentKey(canonicalText(item, schem, rules))), schem, out);
    }
  } else if (isPlainObject(value)) {
    const keys = Object.keys(value);
    if (keys.length === 0 && prefix) out[prefix] = "{}";
    for (const key of keys) flatten(value[key], rules, joinPath(prefix, key), schem ? `${schem}.${key}` : key, out);
  } else {
    out[prefix] = render(value);
  }
  return out;
}

/** The key segment of a list item without an identity: `[#` + 8 hex digits of its keyed hash + `]`. */
function contentKey(text: string): string {
  return `[#${defaultHasher().hash(text).slice(0, 8)}]`;
}

/** Whether a flattened key passes through such a segment (`ports[#1f2e3d4c].containerPort`). */
export const CONTENT_KEYED = /\[#[0-9a-f]{8}\]/;

/**
 * A configuration document's top level is a mapping of keys to values, or a list (`helm list
 * -o json`, `rabbitmqctl … --formatter json`), whose items are keyed by identity like any list.
 */
export function flattenDocument(doc: unknown, rules: ListRules = DEFAULT_LIST_RULES): FlatConfig | undefined {
  if (Array.isArray(doc)) return flatten(doc, rules);
  return isPlainObject(doc) ? flatten(doc, rules) : undefined;
}

function render(value: unknown): string {
  if (typeof value === "string") return value;
  if (value instanceof Date) return value.toISOString();
  if (value === undefined) return "null";
  if (typeof value === "bigint") return value.toString();
  return JSON.stringify(value) ?? String(value);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return isRecord(value) && !(value instanceof Date);
}
