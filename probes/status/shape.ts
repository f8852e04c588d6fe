import type { JsonValue } from "../../src/types.js";
import { matchesAny } from "../../src/glob.js";

// Bounds so that a huge or deeply nested body cannot blow up a snapshot.
const MAX_PATHS = 500;
const MAX_DEPTH = 24;

function typeOf(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  return typeof value;
}

/**
 * The JSON shape of a body: every key path with its value type. Array elements share one
 * path (`$.items[]`) whose type lists every element type seen (`number|string`), so a list's
 * length never counts as a difference.
 */
export function jsonShape(value: unknown): Record<string, string> {
  const types = new Map<string, Set<string>>();
  const walk = (v: unknown, path: string, depth: number): void => {
    if (types.size >= MAX_PATHS && !types.has(path)) return;
    let set = types.get(path);
    if (!set) types.set(path, (set = new Set()));
    set.add(typeOf(v));
    if (depth >= MAX_DEPTH) return;
    if (Array.isArray(v)) for (const item of v) walk(item, `${path}[]`, depth + 1);
    else if (v && typeof v === "object") for (const [k, child] of Object.entries(v)) walk(child, `${path}.${k}`, depth + 1);
  };
  walk(value, "$", 0);
  const out: Record<string, string> = {};
  for (const [path, set] of [...types].sort(([a], [b]) => a.localeCompare(b))) out[path] = [...set].sort().join("|");
  return out;
}

/** Scalar values at paths matching the globs (array elements excluded: their order is not meaningful). */
export function pickValues(value: unknown, globs: readonly string[]): Record<string, JsonValue> {
  const out: Record<string, JsonValue> = {};
  if (globs.length === 0) return out;
  const walk = (v: unknown, path: string, depth: number): void => {
    if (depth > MAX_DEPTH) return;
    if (v && typeof v === "object" && !Array.isArray(v)) {
      for (const [k, child] of Object.entries(v)) walk(child, `${path}.${k}`, depth + 1);
    } else if (!Array.isArray(v) && matchesAny(globs, path)) {
      out[path] = v as JsonValue;
    }
  };
  walk(value, "$", 0);
  return out;
}

/** Classifies a body by its content type and first bytes; parses JSON when it is JSON. */
export function classifyBody(body: Buffer, contentType: string | null): { kind: "json" | "html" | "text" | "empty" | "binary"; json?: unknown } {
  if (body.length === 0) return { kind: "empty" };
  const head = body.subarray(0, 512).toString("utf8").trimStart();
  const looksJson = /json/i.test(contentType ?? "") || head.startsWith("{") || head.startsWith("[");
  if (looksJson) {
    try {
      return { kind: "json", json: JSON.parse(body.toString("utf8")) };
    } catch {
      // Declared or looking like JSON but not parseable: fall through to what it really is.
    }
  }
  if (/html/i.test(contentType ?? "") || /^<(!doctype html|html)/i.test(head)) return { kind: "html" };
  if (/^(text\/|application\/(xml|javascript))/i.test(contentType ?? "") || !head.includes("\u0000")) return { kind: "text" };
  return { kind: "binary" };
}
