import { suggestion } from "./did-you-mean.js";
import type { KeyPath } from "./positions.js";
import { probeKind } from "../../probes/index.js";
import { resolveTarget, withArticle } from "./resolve-target.js";
import type { ParityMap, ProbeEntry } from "./schema.js";
import { targetsOf } from "./secrets.js";

export interface CrossReferenceProblem {
  path: KeyPath;
  atKey: boolean;
  message: string;
  severity: "error" | "warning";
}

type PairLike = { name?: string; staging: string; production: string };

/** A pair's name: its own, or STAGING-PRODUCTION in plain ASCII (what a user can type). */
export function pairName(pair: PairLike): string {
  return pair.name ?? `${pair.staging}-${pair.production}`;
}

/**
 * Whether `name` names this pair. A pair without a name of its own also answers to the arrow
 * form `staging→production`, which maps written before ASCII names use.
 */
export function pairNamed(pair: PairLike, name: string): boolean {
  return name === pairName(pair) || (pair.name === undefined && name === `${pair.staging}→${pair.production}`);
}

function duplicates(ids: string[]): Map<string, number[]> {
  const seen = new Map<string, number[]>();
  ids.forEach((id, i) => seen.set(id, [...(seen.get(id) ?? []), i]));
  return new Map([...seen].filter(([, at]) => at.length > 1));
}

/**
 * Rules zod cannot express because they relate one part of the map to another: every
 * reference must name something that exists, and ids must be unique. `today` decides which
 * reviews are overdue (a warning: the map is still usable).
 */
export function crossReference(map: ParityMap, today: Date): CrossReferenceProblem[] {
  const problems: CrossReferenceProblem[] = [];
  const environments = Object.keys(map.environments);
  const probeEntries = map.probes as ProbeEntry[];
  const probeIds = probeEntries.map((p) => p.id);
  const pairNames = map.pairs.map(pairName);

  map.pairs.forEach((pair, i) => {
    for (const side of ["staging", "production"] as const) {
      if (!map.environments[pair[side]]) {
        problems.push({
          path: ["pairs", i, side],
          atKey: false,
          severity: "error",
          message: `environment "${pair[side]}" is not defined under environments${suggestion(pair[side], environments)}${environments.length ? ` (defined: ${environments.join(", ")})` : ""}`,
        });
      }
    }
    if (pair.staging === pair.production) {
      problems.push({ path: ["pairs", i], atKey: false, severity: "error", message: `a pair compares "${pair.staging}" with itself` });
    }
  });

  problems.push(...targetSources(map), ...probeTargets(map));

  for (const [list, ids, what] of [
    ["probes", probeIds, "probe id"],
    ["differences", map.differences.map((d) => d.id), "difference id"],
    ["pairs", pairNames, "pair name"],
  ] as const) {
    for (const [id, at] of duplicates([...ids])) {
      for (const index of at.slice(1)) {
        problems.push({
          path: list === "pairs" ? [list, index] : [list, index, "id"],
          atKey: false,
          severity: "error",
          message: `duplicate ${what} "${id}" (first used at ${list}[${at[0]}])`,
        });
      }
    }
  }

  probeEntries.forEach((probe, i) => {
    (probe.pairs ?? []).forEach((name, j) => {
      if (!map.pairs.some((pair) => pairNamed(pair, name))) {
        problems.push({ path: ["probes", i, "pairs", j], atKey: false, severity: "error", message: `no pair is named "${name}"${suggestion(name, pairNames)} (pairs: ${pairNames.join(", ")})` });
      }
    });
  });

  problems.push(...entryPairProblems(map));

  const todayText = today.toISOString().slice(0, 10);
  map.differences.forEach((entry, i) => {
    if (entry.match && !probeIds.includes(entry.match.probe)) {
      problems.push({
        path: ["differences", i, "match", "probe"],
        atKey: false,
        severity: "error",
        message: `no probe has the id "${entry.match.probe}"${suggestion(entry.match.probe, probeIds)}${probeIds.length ? ` (probes: ${probeIds.join(", ")})` : " (the map defines no probes)"}`,
      });
    }
    if (entry.reviewBy && entry.reviewBy < todayText) {
      problems.push({ path: ["differences", i, "reviewBy"], atKey: false, severity: "warning", message: `review of "${entry.id}" was due on ${entry.reviewBy} (overdue)` });
    }
  });
  return problems;
}

/**
 * Each target names exactly one source: with two, one would be silently ignored (a snapshot
 * wins over a live url); with none, every probe on it fails at audit time.
 */
function targetSources(map: ParityMap): CrossReferenceProblem[] {
  const problems: CrossReferenceProblem[] = [];
  for (const [envName, env] of Object.entries(map.environments)) {
    for (const { kind, name, section } of targetsOf(env)) {
      const where = name ? ["environments", envName, kind.named, name] : ["environments", envName, kind.section];
      const label = name ? `${kind.named}.${name}` : kind.section;
      const given = kind.sources.filter((k) => section[k] !== undefined);
      if (given.length === 1) continue;
      problems.push({
        path: [...where, ...(given.length > 1 ? [given[1]!] : [])],
        atKey: given.length > 1,
        severity: "error",
        message: given.length
          ? `${label} takes exactly one of ${kind.sources.join(", ")}, but has ${given.join(" and ")}`
          : `${label} needs one of ${kind.sources.join(", ")}`,
      });
    }
  }
  return problems;
}

/**
 * Every probe finds the target it reads on both sides of every pair it runs on, so a schema
 * probe on an environment without a database is a map error at validation, not a probe error
 * at audit time. A target named by the probe but missing is reported at that key.
 */
function probeTargets(map: ParityMap): CrossReferenceProblem[] {
  const problems: CrossReferenceProblem[] = [];
  const seen = new Set<string>();
  (map.probes as ProbeEntry[]).forEach((entry, i) => {
    const kind = probeKind(entry.kind)?.target;
    if (!kind) return;
    const name = entry[kind.probeKey] as string | undefined;
    for (const pair of map.pairs) {
      if (entry.pairs && !entry.pairs.some((p) => pairNamed(pair, p))) continue;
      for (const envName of [pair.staging, pair.production]) {
        const env = map.environments[envName];
        // An undefined environment is reported once, at the pair.
        if (!env || seen.has(`${i}\u0000${envName}`)) continue;
        seen.add(`${i}\u0000${envName}`);
        const resolved = resolveTarget(env, envName, kind, name);
        if (resolved.ok) continue;
        const at = resolved.problem.unknownName !== undefined ? ["probes", i, kind.probeKey] : ["probes", i];
        problems.push({
          path: at,
          atKey: false,
          severity: "error",
          message: `${entry.kind} probe "${entry.id}" reads ${withArticle(kind.noun)}, but ${resolved.problem.message}`,
        });
      }
    }
  });
  return problems;
}

/** `differences[].pairs` must name pairs the map defines: a typo would silently scope an entry to nothing. */
export function entryPairProblems(map: ParityMap): CrossReferenceProblem[] {
  const pairNames = map.pairs.map(pairName);
  const problems: CrossReferenceProblem[] = [];
  map.differences.forEach((entry, i) => {
    (entry.pairs ?? []).forEach((name, j) => {
      if (map.pairs.some((pair) => pairNamed(pair, name))) return;
      problems.push({ path: ["differences", i, "pairs", j], atKey: false, severity: "error", message: `no pair is named "${name}"${suggestion(name, pairNames)} (pairs: ${pairNames.join(", ")})` });
    });
  });
  return problems;
}
