import { z } from "zod";
import { DEFAULT_KEYS, type ListRules } from "./lists.js";

/** Map options shared by the probes that read structured documents (config, infra). */
export const keysOption = z
  .record(z.string().min(1), z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]))
  .default({})
  .describe(
    "Which field identifies the items of a list, by list path (`spec.template.spec.containers: name`; several fields for a composite key); default: the first of name, address, id, key that every item has, unique",
  );

export const sequencesOption = z
  .array(z.string().min(1))
  .default([])
  .describe("Paths of lists whose order matters (`**.args`); other lists of scalars compare as sets");

/** The list rules of a probe entry: its `keys` and `sequences` on top of `base` (a preset's). */
export function listRulesOf(options: { keys?: Record<string, string | string[]>; sequences?: readonly string[] }, base?: Partial<ListRules>): ListRules {
  return {
    // The map's own keys come first: they override a preset's for the same path.
    keys: { ...(options.keys ?? {}), ...Object.fromEntries(Object.entries(base?.keys ?? {}).filter(([k]) => !(k in (options.keys ?? {})))) },
    sequences: [...(options.sequences ?? []), ...(base?.sequences ?? [])],
    defaultKeys: base?.defaultKeys ?? DEFAULT_KEYS,
  };
}
