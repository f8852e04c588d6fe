import { isRecord, listMode, type ListRules } from "./lists.js";

/**
 * Text that is equal for two values exactly when they mean the same under the list rules:
 * object keys sorted, keyed lists ordered by identity, sets sorted, sequences kept in order.
 * Used to compare set members and whole values a path rule covers.
 */
export function canonicalText(value: unknown, schematicPath: string, rules: ListRules): string {
  return JSON.stringify(canonicalValue(value, schematicPath, rules));
}

function canonicalValue(value: unknown, path: string, rules: ListRules): unknown {
  if (Array.isArray(value)) {
    const mode = listMode(path, rules, value);
    if (mode.mode === "sequence") return value.map((item) => canonicalValue(item, path, rules));
    const items = value.map((item) => ({ item: canonicalValue(item, path, rules), text: "" }));
    for (const entry of items) entry.text = mode.mode === "keyed" ? mode.identity(entry.item) : JSON.stringify(entry.item);
    items.sort((a, b) => (a.text < b.text ? -1 : a.text > b.text ? 1 : 0));
    return items.map((entry) => entry.item);
  }
  if (isRecord(value)) {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) out[key] = canonicalValue(value[key], path ? `${path}.${key}` : key, rules);
    return out;
  }
  return value;
}
