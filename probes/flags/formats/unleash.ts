import { z } from "zod";
import { canonical, rulesHash } from "../canonical.js";
import type { FlagState } from "../types.js";
import { chooseEnvironment, isObject, validate, type FormatReader } from "./reader.js";

// Unleash's three JSON shapes: the client API (/api/client/features: one environment, the
// token's), the admin API (features with their environments) and the export (features,
// featureStrategies and featureEnvironments side by side; the old state export too).
const strategy = z.looseObject({ name: z.string().optional(), strategyName: z.string().optional(), featureName: z.string().optional(), environment: z.string().optional() });
const variant = z.looseObject({ name: z.string() });
const environment = z.looseObject({ name: z.string(), enabled: z.boolean(), strategies: z.array(strategy).optional(), variants: z.array(variant).nullable().optional() });
const feature = z.looseObject({
  name: z.string().min(1),
  enabled: z.boolean().optional(),
  strategies: z.array(strategy).optional(),
  variants: z.array(variant).nullable().optional(),
  environments: z.array(environment).optional(),
});
const segment = z.looseObject({ id: z.union([z.number(), z.string()]) });
const clientOrAdmin = z.looseObject({ features: z.array(feature), segments: z.array(segment).optional() });
const exported = z.looseObject({
  features: z.array(feature),
  featureStrategies: z.array(strategy).optional(),
  featureEnvironments: z.array(z.looseObject({ featureName: z.string().optional(), name: z.string().optional(), environment: z.string().optional(), enabled: z.boolean(), variants: z.array(variant).nullable().optional() })),
  segments: z.array(segment).optional(),
});

type Strategy = z.infer<typeof strategy>;
/** Segment id → name: ids are per server, names are how an export is imported elsewhere. */
type Segments = Map<string, string>;

const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

/** A constraint as it decides, whichever API wrote it (defaults filled in). */
function constraint(c: unknown): unknown {
  const x = (c ?? {}) as Record<string, unknown>;
  return { contextName: x.contextName, operator: x.operator, values: x.values ?? [], value: x.value ?? null, caseInsensitive: x.caseInsensitive ?? false, inverted: x.inverted ?? false };
}

/**
 * Strategies in evaluation order, reduced to what decides who gets the flag: ids, titles and
 * sort keys differ between two servers holding the same rules, and the APIs leave out
 * different empty fields. Segments by name.
 */
function strategyRules(strategies: Strategy[] | undefined, segments: Segments): string | null {
  const live = [...(strategies ?? [])].filter((s) => s.disabled !== true).sort((a, b) => Number(a.sortOrder ?? 0) - Number(b.sortOrder ?? 0));
  const decisive = live.map((s) => ({
    name: s.name ?? s.strategyName,
    parameters: s.parameters ?? {},
    constraints: list(s.constraints).map(constraint),
    segments: list(s.segments).map((id) => segments.get(String(id)) ?? `segment ${String(id)}`),
    variants: list(s.variants).map(variantValue),
  }));
  return rulesHash(decisive);
}

function variantValue(v: unknown): string {
  const x = (v ?? {}) as Record<string, unknown>;
  return canonical({ weight: x.weight ?? null, weightType: x.weightType ?? "variable", stickiness: x.stickiness ?? "default", payload: x.payload ?? null, overrides: x.overrides ?? [] });
}

function variantsOf(variants: Array<z.infer<typeof variant>> | null | undefined): Record<string, string> {
  return Object.fromEntries((variants ?? []).map((v) => [v.name, variantValue(v)]));
}

function segmentsOf(segments: Array<z.infer<typeof segment>> | undefined): Segments {
  return new Map((segments ?? []).map((s) => [String(s.id), typeof s.name === "string" ? `segment ${s.name}` : `segment ${String(s.id)}`]));
}

export const unleashReader: FormatReader = {
  format: "unleash",
  title: "an Unleash export",
  looksLike: (doc) => isObject(doc) && (Array.isArray(doc.featureEnvironments) || (Array.isArray(doc.features) && doc.features.every((f) => isObject(f) && typeof f.name === "string"))),
  read(doc, ctx) {
    if (isObject(doc) && Array.isArray(doc.featureEnvironments)) {
      const parsed = validate(exported, doc, ctx, this.title);
      const envs = [...new Set(parsed.featureEnvironments.map((e) => e.environment ?? "default"))];
      const env = chooseEnvironment(envs, ctx, this.title);
      const segments = segmentsOf(parsed.segments);
      const flags: Record<string, FlagState> = {};
      for (const f of parsed.features) {
        const state = parsed.featureEnvironments.find((e) => (e.featureName ?? e.name) === f.name && (e.environment ?? "default") === env);
        const strategies = (parsed.featureStrategies ?? []).filter((s) => s.featureName === f.name && (s.environment === undefined || s.environment === env));
        flags[f.name] = { enabled: state?.enabled ?? false, defaultVariant: null, variants: variantsOf(state?.variants ?? f.variants), rules: strategyRules(strategies, segments) };
      }
      return { flags, ...(envs.length > 1 || ctx.environment ? { environment: env } : {}) };
    }
    const parsed = validate(clientOrAdmin, doc, ctx, this.title);
    const segments = segmentsOf(parsed.segments);
    const perEnvironment = parsed.features.some((f) => f.environments);
    const env = perEnvironment ? chooseEnvironment([...new Set(parsed.features.flatMap((f) => (f.environments ?? []).map((e) => e.name)))], ctx, this.title) : undefined;
    const flags: Record<string, FlagState> = {};
    for (const f of parsed.features) {
      const e = env === undefined ? undefined : f.environments?.find((x) => x.name === env);
      flags[f.name] = {
        enabled: (env === undefined ? f.enabled : e?.enabled) ?? false,
        defaultVariant: null,
        variants: variantsOf(e?.variants ?? f.variants),
        rules: strategyRules(e ? e.strategies : f.strategies, segments),
      };
    }
    return { flags, ...(env !== undefined ? { environment: env } : {}) };
  },
};
