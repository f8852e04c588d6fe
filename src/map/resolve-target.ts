import type { TargetKind } from "../target.js";
import { suggestion } from "./did-you-mean.js";
import type { Environment, EnvironmentSpec } from "./schema.js";

/** The target a probe reads in one environment: its name ("" for the unnamed one) and section. */
export interface ResolvedTarget {
  name: string;
  section: Record<string, unknown>;
}

/** Why a probe cannot find its target in an environment, in the map author's words. */
export interface TargetProblem {
  message: string;
  /** Set when the probe named a target that does not exist (the problem sits at that key). */
  unknownName?: string;
}

export type Resolution = { ok: true; target: ResolvedTarget } | { ok: false; problem: TargetProblem };

function namedTargets(env: EnvironmentSpec, kind: TargetKind): Record<string, Record<string, unknown>> {
  const named = env[kind.named];
  return named && typeof named === "object" && !Array.isArray(named) ? (named as Record<string, Record<string, unknown>>) : {};
}

/**
 * Which target of `kind` a probe reads in `env`: the one it names, else the unnamed section,
 * else the only named one. Anything else is ambiguous or missing, and says how to fix it.
 */
export function resolveTarget(env: EnvironmentSpec, envName: string, kind: TargetKind, name: string | undefined): Resolution {
  const named = namedTargets(env, kind);
  const names = Object.keys(named);
  const listed = names.length ? ` (${kind.named}: ${names.join(", ")})` : "";
  if (name !== undefined) {
    const section = named[name];
    if (section) return { ok: true, target: { name, section } };
    return {
      ok: false,
      problem: {
        unknownName: name,
        message: `environment "${envName}" has no ${kind.noun} named "${name}"${suggestion(name, names)}${listed || ` (add environments.${envName}.${kind.named}.${name})`}`,
      },
    };
  }
  const unnamed = env[kind.section];
  if (unnamed && typeof unnamed === "object") return { ok: true, target: { name: "", section: unnamed as Record<string, unknown> } };
  if (names.length === 1) return { ok: true, target: { name: names[0]!, section: named[names[0]!]! } };
  if (names.length > 1) {
    return { ok: false, problem: { message: `environment "${envName}" has ${names.length} ${kind.named} (${names.join(", ")}); name the one to read with \`${kind.probeKey}: NAME\`` } };
  }
  return { ok: false, problem: { message: `environment "${envName}" has no ${kind.noun} (add environments.${envName}.${kind.section}, or ${kind.named}.NAME)` } };
}

/** The environment a probe sees: its target moved into the kind's unnamed section. */
export function environmentFor(env: Environment, kind: TargetKind, target: ResolvedTarget): Environment {
  return { ...env, [kind.section]: target.section };
}

/** "staging", or "staging.ledger" for a named target: how a side is named in messages. */
export function targetLabel(envName: string, target: ResolvedTarget | undefined): string {
  return target?.name ? `${envName}.${target.name}` : envName;
}

/** "a database", "an HTTP service": the noun with its article. */
export function withArticle(noun: string): string {
  return `${/^[aeiouAEIOU]|^HTTP|^SQL/.test(noun) ? "an" : "a"} ${noun}`;
}
