import { z } from "zod";
import { ProbeError } from "../../../src/errors.js";
import { rulesHash, variantValue } from "../canonical.js";
import type { FlagState } from "../types.js";
import { isObject, validate, type FormatReader } from "./reader.js";

// OpenFeature flagd's flag definition (https://flagd.dev/schema/v0/flags.json): `flags` as a map
// by key, or (flagd's own import format) a list with `key`; shared rules under `$evaluators`.
const flag = z
  .looseObject({
    state: z.enum(["ENABLED", "DISABLED"]),
    variants: z.record(z.string(), z.unknown()).optional(),
    defaultVariant: z.string().nullable().optional(),
    targeting: z.unknown().optional(),
  });
const document = z.looseObject({
  flags: z.union([z.record(z.string(), flag), z.array(flag.extend({ key: z.string().min(1) }))]),
  $evaluators: z.record(z.string(), z.unknown()).optional(),
});

/** Replaces `{ "$ref": "name" }` with the evaluator it names, so a change to a shared rule changes each flag's hash. */
function resolveRefs(node: unknown, evaluators: Record<string, unknown>, what: string, depth = 0): unknown {
  if (depth > 32) throw new ProbeError(`${what}: $evaluators refer to each other in a loop`);
  if (Array.isArray(node)) return node.map((n) => resolveRefs(n, evaluators, what, depth + 1));
  if (!isObject(node)) return node;
  const keys = Object.keys(node);
  if (keys.length === 1 && keys[0] === "$ref" && typeof node.$ref === "string") {
    if (!(node.$ref in evaluators)) throw new ProbeError(`${what}: targeting refers to $evaluators.${node.$ref}, which the file does not define`);
    return resolveRefs(evaluators[node.$ref], evaluators, what, depth + 1);
  }
  return Object.fromEntries(keys.map((k) => [k, resolveRefs(node[k], evaluators, what, depth + 1)]));
}

export const flagdReader: FormatReader = {
  format: "flagd",
  title: "a flagd flag file",
  looksLike: (doc) =>
    isObject(doc) &&
    (String(doc.$schema ?? "").includes("flagd.dev") ||
      (isObject(doc.flags) && Object.values(doc.flags).some((f) => isObject(f) && "state" in f)) ||
      (Array.isArray(doc.flags) && doc.flags.some((f) => isObject(f) && "state" in f))),
  read(doc, ctx) {
    const parsed = validate(document, doc, ctx, this.title);
    const entries: Array<[string, z.infer<typeof flag>]> = Array.isArray(parsed.flags) ? parsed.flags.map((f) => [f.key, f]) : Object.entries(parsed.flags);
    const flags: Record<string, FlagState> = {};
    for (const [key, f] of entries) {
      // Boolean flags may leave variants out: flagd then serves true/false.
      const variants = f.variants ?? { true: true, false: false };
      const targeting = resolveRefs(f.targeting, parsed.$evaluators ?? {}, ctx.what);
      flags[key] = {
        enabled: f.state === "ENABLED",
        defaultVariant: f.defaultVariant ?? null,
        variants: Object.fromEntries(Object.entries(variants).map(([name, value]) => [name, variantValue(value)])),
        rules: rulesHash(targeting),
      };
    }
    return { flags };
  },
};
