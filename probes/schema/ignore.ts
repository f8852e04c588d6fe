import { globMatcher } from "../../src/glob.js";
import type { SchemaObject, SchemaOptions } from "./types.js";

/** The name without its schema and table: what `{ kind: index, name: "tmp_*" }` is written against. */
export function bareName(object: Pick<SchemaObject, "name" | "schema" | "parent">): string {
  if (object.parent && object.name.startsWith(`${object.parent}.`)) return object.name.slice(object.parent.length + 1);
  if (object.name.startsWith(`${object.schema}.`)) return object.name.slice(object.schema.length + 1);
  return object.name;
}

/** A rule matches the qualified or the bare name; ignoring a table ignores what hangs off it. */
export function ignoreFilter(rules: SchemaOptions["ignore"]): (object: SchemaObject) => boolean {
  if (rules.length === 0) return () => false;
  const compiled = rules.map((r) => ({ kind: r.kind, match: globMatcher(r.name) }));
  const hit = (kind: string, name: string, bare: string) =>
    compiled.some((r) => (r.kind === "*" || r.kind === kind) && (r.match(name) || r.match(bare)));
  return (object) => {
    if (hit(object.kind, object.name, bareName(object))) return true;
    if (!object.parent) return false;
    const dot = object.parent.indexOf(".");
    return hit("table", object.parent, dot >= 0 ? object.parent.slice(dot + 1) : object.parent);
  };
}

export function ignoresSetting(rules: SchemaOptions["ignore"], name: string): boolean {
  return rules.some((r) => (r.kind === "setting" || r.kind === "*") && globMatcher(r.name, { caseInsensitive: true })(name));
}
