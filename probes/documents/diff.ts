import type { JsonValue } from "../../src/types.js";
import { canonicalText } from "./canonical.js";
import { isRecord, listMode, type ListRules } from "./lists.js";
import { joinPath, type PathPatterns } from "./path-glob.js";

/** One difference between two structured documents, at a path engineers can read. */
export interface DocumentDifference {
  /** From the document's root: `spec.template.spec.containers[api].env[DB_HOST].value`. */
  path: string;
  /**
   * changed: both sides have the path with different values; only-staging / only-production:
   * one side lacks it; members: a set-like list whose members differ (the sides then hold the
   * members only that side has).
   */
  change: "changed" | "only-staging" | "only-production" | "members";
  staging: JsonValue;
  production: JsonValue;
}

export interface DiffOptions {
  rules: ListRules;
  /** The map's ignore rules: differences under them are counted, not reported. */
  ignore?: PathPatterns;
  /** What a preset knows to be noise (server-managed fields): counted apart from the map's rules. */
  noise?: PathPatterns;
}

export interface DiffResult {
  differences: DocumentDifference[];
  /** Differences left out, per ignore glob (never silently dropped: the report notes them). */
  ignored: Map<string, number>;
  /** Differences left out as noise, per noise glob. */
  noise: Map<string, number>;
}

export function emptyResult(): DiffResult {
  return { differences: [], ignored: new Map(), noise: new Map() };
}

/**
 * Compares two documents the way engineers read them: objects key by key, lists of objects by
 * identity (see lists.ts), sets as sets. `prefix` roots the paths (an object's own path).
 */
export function diffDocuments(staging: unknown, production: unknown, options: DiffOptions, into: DiffResult = emptyResult(), prefix = ""): DiffResult {
  walk(staging, production, prefix, prefix, options, into);
  return into;
}

function walk(s: unknown, p: unknown, path: string, schem: string, options: DiffOptions, out: DiffResult): void {
  if (path && (skipped(options.ignore, out.ignored, s, p, path, schem, options) || skipped(options.noise, out.noise, s, p, path, schem, options))) return;
  if (isRecord(s) && isRecord(p)) {
    // Unsorted on purpose (callers order what they report): no key list is built per object.
    for (const key in s) {
      if (key in p) walk(s[key], p[key], joinPath(path, key), schem ? `${schem}.${key}` : key, options, out);
      else oneSide(s[key], "only-staging", joinPath(path, key), options, out);
    }
    for (const key in p) if (!(key in s)) oneSide(p[key], "only-production", joinPath(path, key), options, out);
    return;
  }
  if (Array.isArray(s) && Array.isArray(p)) return walkLists(s, p, path, schem, options, out);
  if (!sameScalar(s, p)) {
    // A list on one side and an object on the other, or two different scalars.
    if (typeof s === "object" && typeof p === "object" && s !== null && p !== null && canonicalText(s, schem, options.rules) === canonicalText(p, schem, options.rules)) return;
    out.differences.push({ path, change: "changed", staging: s as JsonValue, production: p as JsonValue });
  }
}

function walkLists(s: unknown[], p: unknown[], path: string, schem: string, options: DiffOptions, out: DiffResult): void {
  const mode = listMode(schem, options.rules, s, p);
  if (mode.mode === "sequence") {
    if (canonicalText(s, schem, options.rules) !== canonicalText(p, schem, options.rules)) {
      out.differences.push({ path, change: "changed", staging: s as JsonValue, production: p as JsonValue });
    }
    return;
  }
  if (mode.mode === "keyed") {
    const pm = new Map<string, unknown>();
    for (const item of p) pm.set(mode.identity(item), item);
    const seen = new Set<string>();
    for (const item of s) {
      const id = mode.identity(item);
      seen.add(id);
      if (pm.has(id)) walk(item, pm.get(id), joinPath(path, id), schem, options, out);
      else oneSide(item, "only-staging", joinPath(path, id), options, out);
    }
    for (const [id, item] of pm) if (!seen.has(id)) oneSide(item, "only-production", joinPath(path, id), options, out);
    return;
  }
  // A set: members compared by canonical text, each counted (a multiset), reported as one difference.
  const count = (items: unknown[]) => {
    const m = new Map<string, { n: number; item: unknown }>();
    for (const item of items) {
      const text = canonicalText(item, schem, options.rules);
      const e = m.get(text);
      if (e) e.n++;
      else m.set(text, { n: 1, item });
    }
    return m;
  };
  const sc = count(s);
  const pc = count(p);
  const only = (a: typeof sc, b: typeof sc) => [...a].flatMap(([text, e]) => Array<unknown>(Math.max(0, e.n - (b.get(text)?.n ?? 0))).fill(e.item));
  const onlyS = only(sc, pc);
  const onlyP = only(pc, sc);
  if (onlyS.length || onlyP.length) out.differences.push({ path, change: "members", staging: onlyS as JsonValue, production: onlyP as JsonValue });
}

function oneSide(value: unknown, change: "only-staging" | "only-production", path: string, options: DiffOptions, out: DiffResult): void {
  // Present on one side only, but under an ignore or noise rule: counted there.
  if (bucket(options.ignore, out.ignored, path) || bucket(options.noise, out.noise, path)) return;
  out.differences.push({ path, change, staging: (change === "only-staging" ? value : null) as JsonValue, production: (change === "only-production" ? value : null) as JsonValue });
}

function skipped(patterns: PathPatterns | undefined, counts: Map<string, number>, s: unknown, p: unknown, path: string, schem: string, options: DiffOptions): boolean {
  const pattern = patterns?.matchedBy(path);
  if (!pattern) return false;
  if (!equalValues(s, p, schem, options.rules)) counts.set(pattern, (counts.get(pattern) ?? 0) + 1);
  return true;
}

function bucket(patterns: PathPatterns | undefined, counts: Map<string, number>, path: string): boolean {
  const pattern = patterns?.matchedBy(path);
  if (!pattern) return false;
  counts.set(pattern, (counts.get(pattern) ?? 0) + 1);
  return true;
}

function equalValues(s: unknown, p: unknown, schem: string, rules: ListRules): boolean {
  if (typeof s !== "object" || s === null || typeof p !== "object" || p === null) return sameScalar(s, p);
  return canonicalText(s, schem, rules) === canonicalText(p, schem, rules);
}

function sameScalar(s: unknown, p: unknown): boolean {
  return s === p || (typeof s === "number" && typeof p === "number" && Number.isNaN(s) && Number.isNaN(p));
}
