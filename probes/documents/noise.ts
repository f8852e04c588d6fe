import { defaultHasher } from "../../src/secret-hash.js";
import { isRecord } from "./lists.js";

/**
 * Takes the fields a source is known to fill on its own (a live cluster's uid, resourceVersion,
 * status …) out of a document, keeping only a hash per rule: the comparison then never reports
 * them, yet can still count how many differed (the report's note says so), and the snapshot never
 * stores their content (kubectl's last-applied-configuration annotation repeats the whole object,
 * secrets included).
 *
 * A rule is a list of keys, because keys contain dots (`kubectl.kubernetes.io/revision`); the
 * last may end in `*` (a prefix: `meta.helm.sh/*`). Its label is the keys joined by dots.
 */
export type NoiseRule = readonly string[];

interface RuleTree {
  /** Key → the rule's label when the key itself is noise. */
  leaves: Map<string, string>;
  prefixes: Array<[prefix: string, label: string]>;
  children: Map<string, RuleTree>;
}

const compiled = new WeakMap<readonly NoiseRule[], RuleTree>();

function compile(rules: readonly NoiseRule[]): RuleTree {
  let tree = compiled.get(rules);
  if (tree) return tree;
  tree = { leaves: new Map(), prefixes: [], children: new Map() };
  for (const rule of rules) {
    let node = tree;
    rule.slice(0, -1).forEach((key) => {
      let next = node.children.get(key);
      if (!next) node.children.set(key, (next = { leaves: new Map(), prefixes: [], children: new Map() }));
      node = next;
    });
    const last = rule[rule.length - 1]!;
    const label = rule.join(".");
    if (last.endsWith("*")) node.prefixes.push([last.slice(0, -1), label]);
    else node.leaves.set(last, label);
  }
  compiled.set(rules, tree);
  return tree;
}

/**
 * The document without its noise (a new object along the rules' paths; the rest is shared, not
 * copied) and the hash of what each rule took. Built anew rather than with `delete`, which
 * turns V8 objects slow for everything that reads them afterwards.
 */
export function takeNoise(doc: Record<string, unknown>, rules: readonly NoiseRule[]): { value: Record<string, unknown>; noise: Record<string, string> } {
  const taken = new Map<string, unknown[]>();
  const value = strip(doc, compile(rules), taken);
  const noise: Record<string, string> = {};
  for (const [label, values] of taken) noise[label] = noiseHash(values.length === 1 ? values[0] : values);
  return { value, noise };
}

function strip(node: Record<string, unknown>, tree: RuleTree, taken: Map<string, unknown[]>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(node)) {
    const value = node[key];
    const label = tree.leaves.get(key) ?? tree.prefixes.find(([prefix]) => key.startsWith(prefix))?.[1];
    if (label !== undefined) {
      const list = taken.get(label);
      if (list) list.push(value);
      else taken.set(label, [value]);
      continue;
    }
    const child = tree.children.get(key);
    if (child && isRecord(value)) {
      const stripped = strip(value, child, taken);
      // A mapping that held only noise (annotations of nothing but kubectl's) is noise too.
      if (Object.keys(stripped).length > 0 || Object.keys(value).length === 0) out[key] = stripped;
    } else out[key] = value;
  }
  return out;
}

export function noiseHash(value: unknown): string {
  // Short scalars (a uid, a resourceVersion, a timestamp) are kept as they are: hashing a
  // hundred thousand of them costs more than storing them, and they are no secret. Anything
  // larger (managedFields, status, last-applied-configuration, which repeats Secret data) is hashed,
  // with the audit's keyed hash: a plain digest of a Secret's last-applied-configuration gives its
  // value away to anyone who can guess the rest of the object and try the few likely values.
  if ((typeof value === "string" && value.length <= 64) || typeof value === "number" || typeof value === "boolean") return `=${String(value)}`;
  return defaultHasher().hash(typeof value === "string" ? value : stableText(value));
}

/**
 * Text equal for equal values whatever their key and list order: noise is only counted, so
 * lists compare as sorted members without identity rules (and far faster than canonical.ts).
 */
function stableText(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableText).sort().join(",")}]`;
  if (isRecord(value)) {
    const keys = Object.keys(value).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${stableText(value[k])}`).join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}
