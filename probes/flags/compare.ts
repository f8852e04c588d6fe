import { matchesAny } from "../../src/glob.js";
import type { JsonValue, Observation, Severity } from "../../src/types.js";
import type { FlagState, FlagsOptions, FlagsSnapshot } from "./types.js";

const onOff = (f: FlagState) => (f.enabled ? "on" : "off");

/**
 * Pure: two flag sets → observations per flag. A flag on in production and off in staging is
 * high (production runs a code path staging never tests); the reverse is medium, or expected
 * and only measured under `productionImpliesStaging`.
 */
export function compareFlags(staging: FlagsSnapshot, production: FlagsSnapshot, options: Pick<FlagsOptions, "ignore" | "productionImpliesStaging">): Observation[] {
  const out: Observation[] = [];
  const keys = [...new Set([...Object.keys(staging.flags), ...Object.keys(production.flags)])].sort();
  const stagingOnly: string[] = [];
  for (const key of keys) {
    if (matchesAny(options.ignore, key)) continue;
    const [s, p] = [staging.flags[key], production.flags[key]];
    if (!s || !p) {
      out.push(missing(key, s, p));
      continue;
    }
    if (s.enabled !== p.enabled) {
      if (s.enabled && options.productionImpliesStaging) stagingOnly.push(key);
      else out.push(enabledGap(key, s, p, options.productionImpliesStaging));
    }
    // Off, a flag serves no rule and (flagd) no variant: rules and defaults matter where both are on.
    const bothOn = s.enabled && p.enabled;
    if (bothOn && s.defaultVariant !== p.defaultVariant) {
      out.push(obs(key, "default-variant", "medium", `Flag ${key} serves ${variant(s.defaultVariant)} by default in staging and ${variant(p.defaultVariant)} in production`, s.defaultVariant, p.defaultVariant));
    }
    const variants = variantGap(key, s, p);
    if (variants) out.push(variants);
    if (bothOn && s.rules !== p.rules) {
      const what = s.rules === null ? "only production has targeting rules" : p.rules === null ? "only staging has targeting rules" : "their targeting rules differ";
      // Objects, not bare hashes: a hash means nothing in a sentence, so the narrative names the flag only.
      out.push(obs(key, "rules", "medium", `Flag ${key}: ${what}, so staging and production pick different users for it`, { rules: s.rules }, { rules: p.rules }));
    }
  }
  if (stagingOnly.length > 0) {
    out.push({
      ...obs("flags on in staging only", "expected", "low", `${stagingOnly.length === 1 ? "1 flag is" : `${stagingOnly.length} flags are`} on in staging and off in production, as productionImpliesStaging expects: ${stagingOnly.join(", ")}`, stagingOnly, []),
      kind: "measurement",
    });
  }
  return out;
}

function missing(key: string, s: FlagState | undefined, p: FlagState | undefined): Observation {
  if (!s) {
    const severity: Severity = p!.enabled ? "high" : "medium";
    return obs(key, "missing-in-staging", severity, `Flag ${key} is defined in production (${onOff(p!)}) but not in staging: staging's code falls back to its built-in default`, null, onOff(p!));
  }
  return obs(key, "missing-in-production", "medium", `Flag ${key} is defined in staging (${onOff(s)}) but not in production: production's code falls back to its built-in default`, onOff(s), null);
}

function enabledGap(key: string, s: FlagState, p: FlagState, rule: boolean): Observation {
  if (p.enabled) {
    const why = rule ? " (productionImpliesStaging: a flag on in production must be on in staging)" : "";
    return obs(key, "enabled", "high", `Flag ${key} is on in production and off in staging: production runs a code path staging never tests${why}`, "off", "on");
  }
  return obs(key, "enabled", "medium", `Flag ${key} is on in staging and off in production: staging tests a code path production does not run`, "on", "off");
}

/** A variant production can serve that staging lacks (or serves with another value) matters; staging's extra ones less. */
function variantGap(key: string, s: FlagState, p: FlagState): Observation | undefined {
  const names = [...new Set([...Object.keys(s.variants), ...Object.keys(p.variants)])].sort();
  const onlyProduction = names.filter((n) => !(n in s.variants));
  const onlyStaging = names.filter((n) => !(n in p.variants));
  const changed = names.filter((n) => n in s.variants && n in p.variants && s.variants[n] !== p.variants[n]);
  if (onlyProduction.length + onlyStaging.length + changed.length === 0) return undefined;
  const parts = [
    onlyProduction.length ? `only production has ${list(onlyProduction)}` : "",
    onlyStaging.length ? `only staging has ${list(onlyStaging)}` : "",
    changed.length ? `${list(changed)} ${changed.length === 1 ? "has" : "have"} other values` : "",
  ].filter(Boolean);
  const severity: Severity = onlyProduction.length + changed.length > 0 ? "medium" : "low";
  return obs(key, "variants", severity, `Flag ${key}: variants differ (${parts.join("; ")})`, s.variants, p.variants);
}

const variant = (v: string | null) => (v === null ? "no variant" : `variant ${v}`);
const list = (names: string[]) => names.map((n) => `"${n}"`).join(", ");

function obs(subject: string, aspect: string, severity: Severity, message: string, staging: JsonValue, production: JsonValue): Observation {
  return { subject, aspect, severity, message, staging, production };
}
