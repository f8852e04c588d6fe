import type { z } from "zod";
import { suggestion } from "./did-you-mean.js";
import { formatPath, type KeyPath } from "./positions.js";

type Issue = z.core.$ZodIssue;

/** Renders a value the way the user wrote it, short. */
export function showValue(value: unknown): string {
  const text = typeof value === "string" ? JSON.stringify(value) : JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}

function typeName(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "a mapping";
  return `${typeof value} ${showValue(value)}`;
}

function valueAt(root: unknown, path: KeyPath): unknown {
  let node = root;
  for (const part of path) {
    if (node === null || typeof node !== "object") return undefined;
    node = (node as Record<string | number, unknown>)[part];
  }
  return node;
}

/** The keys a strict object at `path` accepts, found by walking the zod schema alongside the data. */
export function allowedKeysAt(schema: z.ZodType, root: unknown, path: KeyPath): string[] {
  let node: z.ZodType | undefined = schema;
  for (let i = 0; i <= path.length && node; i++) {
    node = unwrap(node, valueAt(root, path.slice(0, i)));
    if (i === path.length) break;
    const def = (node as unknown as { _zod: { def: Record<string, unknown> } })._zod.def;
    const part = path[i]!;
    if (def.type === "object") node = (def.shape as Record<string, z.ZodType>)[String(part)];
    else if (def.type === "array") node = def.element as z.ZodType;
    else if (def.type === "record") node = def.valueType as z.ZodType;
    else node = undefined;
  }
  if (!node) return [];
  node = unwrap(node, valueAt(root, path));
  const def = (node as unknown as { _zod: { def: Record<string, unknown> } })._zod.def;
  return def.type === "object" ? Object.keys(def.shape as object) : [];
}

function unwrap(schema: z.ZodType, value: unknown): z.ZodType {
  let node = schema;
  for (;;) {
    const def = (node as unknown as { _zod: { def: Record<string, unknown> } })._zod.def;
    if (def.type === "optional" || def.type === "default" || def.type === "nullable" || def.type === "prefault") node = def.innerType as z.ZodType;
    else if (def.type === "pipe") node = def.in as z.ZodType;
    else if (def.type === "union" && typeof def.discriminator === "string") {
      const kind = (value as Record<string, unknown> | undefined)?.[def.discriminator];
      const options = def.options as z.ZodType[];
      const match = options.find((o) => {
        const shape = (o as unknown as { _zod: { def: { shape?: Record<string, z.ZodType> } } })._zod.def.shape;
        const literal = shape?.[def.discriminator as string] as unknown as { _zod: { def: { values?: unknown[] } } } | undefined;
        return literal?._zod.def.values?.includes(kind);
      });
      if (!match) return node;
      node = match;
    } else return node;
  }
}

/** zod's type names in the map author's words. */
function typeWord(expected: string): string {
  const words: Record<string, string> = { record: "a mapping", object: "a mapping", array: "a list", int: "a whole number", number: "a number", string: "a string", boolean: "true or false" };
  return words[expected] ?? expected;
}

/** A size limit in words ("must not be empty", "must be > 0") rather than zod's "Too small: …". */
function bound(issue: Issue): string {
  const i = issue as { code: string; origin?: string; minimum?: number | bigint; maximum?: number | bigint; inclusive?: boolean; message: string };
  // A bound whose schema says it in the map author's words (why the limit is there) keeps them.
  if (!/^Too (big|small)\b/.test(i.message)) return i.message;
  const limit = Number(i.code === "too_small" ? i.minimum : i.maximum);
  if (i.code === "too_small" && limit === 1 && i.inclusive && i.origin === "string") return "must not be empty";
  if (i.code === "too_small" && limit === 1 && i.inclusive && i.origin === "array") return "needs at least one item";
  if (i.origin === "number") return `must be ${i.code === "too_small" ? (i.inclusive ? "≥" : ">") : i.inclusive ? "≤" : "<"} ${limit}`;
  if (i.origin === "string" || i.origin === "array") return `${i.code === "too_small" ? "at least" : "at most"} ${limit} ${i.origin === "string" ? "characters" : "items"}`;
  return i.message;
}

/** The types a union's branches wanted at its own position, through nested unions. */
function expectedTypes(branches: Issue[][]): string[] {
  return branches.flatMap((b) =>
    b.filter((i) => i.path.length === 0).flatMap((i) =>
      i.code === "invalid_type" ? [i.expected as string] : i.code === "invalid_union" ? expectedTypes((i as { errors?: Issue[][] }).errors ?? []) : [],
    ),
  );
}

export interface LocatedMessage {
  path: KeyPath;
  /** Point at the key rather than its value. */
  atKey: boolean;
  message: string;
}

/** Turns one zod issue into messages a person can act on: what was wrong, the value, the fix. */
export function describeIssue(issue: Issue, root: unknown, schema: z.ZodType): LocatedMessage[] {
  const path = issue.path as KeyPath;
  const value = valueAt(root, path);
  switch (issue.code) {
    case "unrecognized_keys": {
      const allowed = allowedKeysAt(schema, root, path);
      return issue.keys.map((key) => ({
        path: [...path, key],
        atKey: true,
        message: `unknown key "${key}"${suggestion(key, allowed)}${allowed.length ? ` (allowed: ${allowed.join(", ")})` : ""}`,
      }));
    }
    case "invalid_value": {
      const allowed = issue.values.map((v) => String(v));
      if (value === undefined) return [{ path: path.slice(0, -1), atKey: false, message: `missing required key "${String(path[path.length - 1])}" (one of ${allowed.join(", ")})` }];
      const hint = typeof value === "string" ? suggestion(value, allowed) : "";
      return [{ path, atKey: false, message: `expected one of ${allowed.join(", ")}; got ${showValue(value)}${hint}` }];
    }
    case "invalid_union": {
      const discriminator = (issue as { discriminator?: string }).discriminator;
      const options = ((issue as { options?: unknown[] }).options ?? []).map(String);
      if (discriminator && options.length) {
        const got = valueAt(root, path);
        const hint = typeof got === "string" ? suggestion(got, options) : "";
        return [{ path, atKey: false, message: `unknown ${discriminator} ${showValue(got)}${hint} (known: ${options.join(", ")})` }];
      }
      // zod says only "Invalid input" here. A branch whose type fitted but whose insides did
      // not says most: report its own issues in place; else name the types that would fit.
      const branches = (issue as { errors?: Issue[][] }).errors ?? [];
      const inner = branches.find((b) => b.length > 0 && b.every((i) => i.path.length > 0));
      if (inner) return inner.flatMap((i) => describeIssue({ ...i, path: [...path, ...i.path] } as Issue, root, schema));
      const expected = new Set(expectedTypes(branches).map(typeWord));
      if (expected.size && value !== undefined) return [{ path, atKey: false, message: `expected ${[...expected].join(" or ")}, got ${typeName(value)}` }];
      return [{ path, atKey: false, message: issue.message }];
    }
    case "invalid_type": {
      if (value === undefined) return [{ path: path.slice(0, -1), atKey: false, message: `missing required key "${String(path[path.length - 1])}" (expected ${typeWord(issue.expected)})` }];
      return [{ path, atKey: false, message: `expected ${typeWord(issue.expected)}, got ${typeName(value)}` }];
    }
    case "too_small":
    case "too_big":
      return [{ path, atKey: false, message: `${bound(issue)}; got ${showValue(value)}` }];
    case "invalid_format":
    case "not_multiple_of":
      return [{ path, atKey: false, message: `${issue.message.replace(/^Invalid input: /, "")}; got ${showValue(value)}` }];
    default:
      return [{ path, atKey: false, message: `${issue.message}${value !== undefined ? `; got ${showValue(value)}` : ""}` }];
  }
}

export { formatPath };
