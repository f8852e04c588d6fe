import { createHash } from "node:crypto";

/**
 * JSON with object keys sorted, so that the same rules written in another key order hash the
 * same; keys for which `drop` says so (ids, timestamps, versions) are left out at every depth.
 */
export function canonical(value: unknown, drop: (key: string) => boolean = () => false): string {
  const walk = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === "object") {
      return Object.fromEntries(
        Object.keys(v)
          .filter((k) => !drop(k))
          .sort()
          .map((k) => [k, walk((v as Record<string, unknown>)[k])]),
      );
    }
    return v;
  };
  return JSON.stringify(walk(value)) ?? "null";
}

export function hash(text: string): string {
  return createHash("sha256").update(text, "utf8").digest("hex").slice(0, 16);
}

/** A hash of rules, or null when there are none (an empty list or object is no rules). */
export function rulesHash(rules: unknown, drop?: (key: string) => boolean): string | null {
  if (rules === undefined || rules === null) return null;
  if (Array.isArray(rules) && rules.length === 0) return null;
  if (typeof rules === "object" && !Array.isArray(rules) && Object.keys(rules).length === 0) return null;
  return hash(canonical(rules, drop));
}

/** A variant's value for the snapshot: JSON text, or its length and hash when long. */
export function variantValue(value: unknown): string {
  const text = canonical(value);
  return text.length <= 120 ? text : `«${text.length} characters, sha256 ${hash(text)}»`;
}
