import { pathGlob } from "./path-glob.js";

/**
 * How lists in a structured document are compared. Engineers read a list of containers, env
 * entries or Terraform resources by identity, not by position: the same `env` list in another
 * order is the same configuration. A list whose items carry no identity compares as a set
 * (scalars and identity-less objects alike) unless the map says its order matters.
 */
export interface ListRules {
  /** Schematic path glob (no `[id]` parts, e.g. `spec.template.spec.containers`) → key field(s). */
  keys: Record<string, string | string[]>;
  /** Schematic path globs of lists whose order matters (`**.args`). */
  sequences: readonly string[];
  /** Key fields tried in order when no `keys` rule names one: the first present and unique wins. */
  defaultKeys: readonly string[];
}

/** Defaults engineers expect: `name` for containers, env, ports, volumes; `address` for Terraform; else `id`/`key`. */
export const DEFAULT_KEYS = ["name", "address", "id", "key"] as const;

export const DEFAULT_LIST_RULES: ListRules = { keys: {}, sequences: [], defaultKeys: DEFAULT_KEYS };

export type ListMode =
  | { mode: "sequence" }
  | { mode: "set" }
  | { mode: "keyed"; fields: string[]; identity: (item: unknown) => string };

/**
 * Decides how the list(s) at `schematicPath` compare; given both sides' items so that both are
 * keyed by the same field (a key unique on one side and not the other means set comparison).
 */
export function listMode(schematicPath: string, rules: ListRules, ...sides: unknown[][]): ListMode {
  const rule = ruleFor(schematicPath, rules);
  if (rule === "sequence") return SEQUENCE;
  const candidates = rule;
  const all = sides.flat();
  if (all.length === 0 || !all.every(isRecord)) return { mode: "set" };
  for (const fields of candidates) {
    if (sides.every((items) => identifies(items as Record<string, unknown>[], fields))) {
      return { mode: "keyed", fields, identity: (item) => identityOf(item as Record<string, unknown>, fields) };
    }
  }
  return { mode: "set" };
}

const SEQUENCE: ListMode = { mode: "sequence" };
const decided = new WeakMap<ListRules, Map<string, "sequence" | string[][]>>();

/** What the rules say for a list path: a sequence, or the key candidates to try; decided once per path. */
function ruleFor(schematicPath: string, rules: ListRules): "sequence" | string[][] {
  let byPath = decided.get(rules);
  if (!byPath) decided.set(rules, (byPath = new Map()));
  let rule = byPath.get(schematicPath);
  if (rule === undefined) {
    if (rules.sequences.some((p) => pathGlob(p)(schematicPath))) rule = "sequence";
    else {
      const named = Object.entries(rules.keys).find(([p]) => pathGlob(p)(schematicPath))?.[1];
      rule = named !== undefined ? [typeof named === "string" ? [named] : named] : rules.defaultKeys.map((k) => [k]);
    }
    byPath.set(schematicPath, rule);
  }
  return rule;
}

function identifies(items: Record<string, unknown>[], fields: string[]): boolean {
  const seen = new Set<string>();
  for (const item of items) {
    if (!fields.every((f) => isScalar(fieldValue(item, f)))) return false;
    const id = identityOf(item, fields);
    if (seen.has(id)) return false;
    seen.add(id);
  }
  return true;
}

/** `[api]`, or `[8080/TCP]` for a composite key. */
function identityOf(item: Record<string, unknown>, fields: string[]): string {
  return `[${fields.map((f) => String(fieldValue(item, f))).join("/")}]`;
}

/** A dotted field path inside an item (`metadata.name`). */
export function fieldValue(item: Record<string, unknown>, field: string): unknown {
  if (field in item) return item[field];
  let value: unknown = item;
  for (const part of field.split(".")) {
    if (!isRecord(value)) return undefined;
    value = value[part];
  }
  return value;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function isScalar(value: unknown): boolean {
  return typeof value === "string" || typeof value === "number" || typeof value === "boolean";
}
