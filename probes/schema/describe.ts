import type { JsonValue } from "../../src/types.js";
import type { SchemaObject } from "./types.js";

/** A short, secret-free line for an object, carried as evidence when it exists on one side only. */
export function describe(o: SchemaObject): JsonValue {
  const a = o.attrs;
  switch (o.kind) {
    case "column":
      return `${a.type}${a.nullable === false ? " not null" : ""}${a.default !== null && a.default !== undefined ? ` default ${a.default}` : ""}`;
    case "enum":
      return Array.isArray(a.labels) ? a.labels : null;
    case "extension":
      return `version ${a.version}`;
    default:
      return typeof a.definition === "string" ? a.definition : o.kind;
  }
}

/** A value as it reads inside a sentence; `none` says what null means for it. Lists read as lists, not JSON. */
export function show(v: JsonValue, words?: [string, string], none = "none"): string {
  if (v === null) return none;
  if (typeof v === "boolean" && words) return v ? words[0] : words[1];
  if (Array.isArray(v) && v.every((x) => typeof x === "string")) return v.length ? show(v.join(", ")) : "none";
  if (typeof v === "string") {
    const flat = oneLine(v);
    return flat.length > 120 ? `${flat.slice(0, 117)}…` : flat;
  }
  return JSON.stringify(v);
}

const WINDOW = 80;

/**
 * Two long definitions (a view, a check) usually share a long prefix; show each from a
 * little before the first character where they part, so the sentence shows the difference.
 */
export function showPair(a: JsonValue, b: JsonValue, words?: [string, string], none?: string): [string, string] {
  if (typeof a !== "string" || typeof b !== "string") return [show(a, words, none), show(b, words, none)];
  a = oneLine(a);
  b = oneLine(b);
  if (a.length <= 120 && b.length <= 120) return [a, b];
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  const start = Math.max(0, i - 20);
  const cut = (s: string) => `${start > 0 ? "…" : ""}${s.slice(start, start + WINDOW)}${s.length > start + WINDOW ? "…" : ""}`;
  return [cut(a), cut(b)];
}

/** Server-rendered view text spans lines; a message is one line. */
const oneLine = (s: string) => s.replace(/\s+/g, " ").trim();
