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

/** A value as it reads inside a sentence. */
export function show(v: JsonValue): string {
  if (v === null) return "none";
  if (typeof v === "string") return v.length > 120 ? `${v.slice(0, 117)}…` : v;
  return JSON.stringify(v);
}
