import { z } from "zod";
import { canonical, rulesHash } from "../canonical.js";
import type { FlagState } from "../types.js";
import { chooseEnvironment, isObject, validate, type FormatReader } from "./reader.js";

// LaunchDarkly's REST API flags (GET /api/v2/flags/{project}: `items`, each flag with its
// `environments`) and the SDK's flag data (what ld-relay serves and the SDKs' file data source
// reads: `flags` by key, one environment, variations as bare values; `flagValues` as a shorthand).
const target = z.looseObject({ variation: z.number().int().optional(), rollout: z.unknown().optional() });
const environmentConfig = z.looseObject({
  on: z.boolean(),
  fallthrough: target.optional(),
  offVariation: z.number().int().nullable().optional(),
  rules: z.array(z.unknown()).optional(),
  targets: z.array(z.unknown()).optional(),
  contextTargets: z.array(z.unknown()).optional(),
  prerequisites: z.array(z.unknown()).optional(),
});
const restFlag = z.looseObject({
  key: z.string().min(1),
  variations: z.array(z.looseObject({ value: z.unknown(), name: z.string().optional() })),
  environments: z.record(z.string(), environmentConfig),
});
const rest = z.looseObject({ items: z.array(restFlag) });
const sdkFlag = environmentConfig.extend({ variations: z.array(z.unknown()) });
const sdk = z.looseObject({ flags: z.record(z.string(), sdkFlag).optional(), flagValues: z.record(z.string(), z.unknown()).optional() });

/** Per-environment bookkeeping (ids, versions, salts, timestamps, links): differs between environments holding the same rules. */
const VOLATILE = new Set(["_id", "_version", "version", "salt", "sel", "lastModified", "_site", "_summary", "_access", "_links", "ref", "trackEvents", "trackEventsFallthrough", "_environmentName", "environmentName", "_debugEventsUntilDate", "debugEventsUntilDate", "archived"]);
const volatile = (key: string) => VOLATILE.has(key);

type Config = z.infer<typeof environmentConfig>;

function state(config: Config, labels: string[]): FlagState {
  const label = (i: number | null | undefined) => (i === null || i === undefined ? null : (labels[i] ?? `variation ${i}`));
  // Served to everyone no rule or target picks: the default rule when on, the off variation when off.
  const defaultVariant = config.on ? (config.fallthrough?.rollout !== undefined ? "percentage rollout" : label(config.fallthrough?.variation)) : label(config.offVariation);
  const rules = { rules: config.rules ?? [], targets: config.targets ?? [], contextTargets: config.contextTargets ?? [], prerequisites: config.prerequisites ?? [], rollout: config.fallthrough?.rollout ?? null };
  const empty = rules.rules.length + rules.targets.length + rules.contextTargets.length + rules.prerequisites.length === 0 && rules.rollout === null;
  return { enabled: config.on, defaultVariant, variants: {}, rules: empty ? null : rulesHash(rules, volatile) };
}

export const launchDarklyReader: FormatReader = {
  format: "launchdarkly",
  title: "a LaunchDarkly flag export",
  looksLike: (doc) =>
    isObject(doc) &&
    ((Array.isArray(doc.items) && doc.items.some((f) => isObject(f) && Array.isArray(f.variations))) ||
      (typeof doc.key === "string" && Array.isArray(doc.variations) && isObject(doc.environments)) ||
      (isObject(doc.flags) && Object.values(doc.flags).some((f) => isObject(f) && Array.isArray(f.variations) && typeof f.on === "boolean")) ||
      isObject(doc.flagValues)),
  read(doc, ctx) {
    const flags: Record<string, FlagState> = {};
    if (isObject(doc) && (Array.isArray(doc.items) || Array.isArray(doc.variations))) {
      const parsed = validate(rest, Array.isArray(doc.items) ? doc : { items: [doc] }, ctx, this.title);
      const env = chooseEnvironment([...new Set(parsed.items.flatMap((f) => Object.keys(f.environments)))].sort(), ctx, this.title);
      for (const flag of parsed.items) {
        const config = flag.environments[env];
        if (!config) continue;
        // Variations by value, not by their optional names: the SDK's flag data has no names, and
        // the two sides may come from different sources.
        const labels = flag.variations.map((v) => canonical(v.value));
        flags[flag.key] = { ...state(config, labels), variants: Object.fromEntries(labels.map((l) => [l, l])) };
      }
      return { flags, environment: env };
    }
    const parsed = validate(sdk, doc, ctx, this.title);
    for (const [key, flag] of Object.entries(parsed.flags ?? {})) {
      const labels = flag.variations.map((v) => canonical(v));
      flags[key] = { ...state(flag, labels), variants: Object.fromEntries(labels.map((l) => [l, l])) };
    }
    for (const [key, value] of Object.entries(parsed.flagValues ?? {})) {
      flags[key] = { enabled: true, defaultVariant: canonical(value), variants: { [canonical(value)]: canonical(value) }, rules: null };
    }
    return { flags };
  },
};
