import type { FlatConfig } from "./types.js";

/**
 * Nested JSON/YAML becomes dotted keys (`db.hosts.0`) so that a nested document and a flat
 * `.env` file compare key by key. Non-string leaves are rendered as JSON text, which makes the
 * number 3000 in a JSON file equal the string "3000" in a .env file. Empty objects and arrays
 * are kept as `{}` / `[]` leaves so that their presence is still compared.
 */
export function flatten(value: unknown, prefix = "", out: FlatConfig = {}): FlatConfig {
  if (Array.isArray(value)) {
    if (value.length === 0 && prefix) out[prefix] = "[]";
    value.forEach((item, i) => flatten(item, join(prefix, String(i)), out));
  } else if (isPlainObject(value)) {
    const keys = Object.keys(value);
    if (keys.length === 0 && prefix) out[prefix] = "{}";
    for (const key of keys) flatten(value[key], join(prefix, key), out);
  } else {
    out[prefix] = render(value);
  }
  return out;
}

/** A configuration document's top level must be a mapping of keys to values. */
export function flattenDocument(doc: unknown): FlatConfig | undefined {
  return isPlainObject(doc) ? flatten(doc) : undefined;
}

function render(value: unknown): string {
  if (typeof value === "string") return value;
  if (value instanceof Date) return value.toISOString();
  if (value === undefined) return "null";
  if (typeof value === "bigint") return value.toString();
  return JSON.stringify(value) ?? String(value);
}

function join(prefix: string, key: string): string {
  return prefix ? `${prefix}.${key}` : key;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value) && !(value instanceof Date);
}
