import { hashValue } from "../config/snapshot.js";
import { canonicalText } from "./canonical.js";
import { DEFAULT_LIST_RULES, isRecord } from "./lists.js";

/**
 * Takes the fields a source is known to fill on its own (a live cluster's uid, resourceVersion,
 * status …) out of a document, keeping only a hash of each: the comparison then never reports
 * them, yet can still count how many differed (the report's note says so), and the snapshot never
 * stores their content (kubectl's last-applied-configuration annotation repeats the whole object,
 * secrets included).
 *
 * A rule is a dotted path of keys; its last key may end in `*` (a prefix: `meta.helm.sh/*`).
 * Keys are matched whole, so annotation keys containing dots work: the path is split at the
 * first keys that exist.
 */
export function takeNoise(doc: Record<string, unknown>, rules: readonly string[]): Record<string, string> {
  const noise: Record<string, string> = {};
  for (const rule of rules) {
    const taken: unknown[] = [];
    take(doc, rule, taken);
    // Canonical text: the same noise in another key or list order hashes the same.
    if (taken.length) noise[rule] = noiseHash(taken);
  }
  return noise;
}

export function noiseHash(value: unknown): string {
  return hashValue(canonicalText(value, "", DEFAULT_LIST_RULES));
}

function take(node: unknown, rest: string, taken: unknown[]): void {
  if (!isRecord(node)) return;
  if (rest.endsWith("*") && !rest.slice(0, -1).includes(".")) {
    const prefix = rest.slice(0, -1);
    for (const key of Object.keys(node).sort()) {
      if (key.startsWith(prefix)) {
        taken.push([key, node[key]]);
        delete node[key];
      }
    }
    return;
  }
  if (rest in node) {
    taken.push(node[rest]);
    delete node[rest];
    return;
  }
  // The longest existing key that the rule starts with: `kubectl.kubernetes.io/x` holds dots.
  for (const key of Object.keys(node).sort((a, b) => b.length - a.length)) {
    if (rest.startsWith(`${key}.`)) {
      take(node[key], rest.slice(key.length + 1), taken);
      if (isRecord(node[key]) && Object.keys(node[key] as object).length === 0) delete node[key];
      return;
    }
  }
}
