import { suggestion } from "./did-you-mean.js";
import type { KeyPath } from "./positions.js";
import type { ParityMap, ProbeEntry } from "./schema.js";

export interface CrossReferenceProblem {
  path: KeyPath;
  atKey: boolean;
  message: string;
  severity: "error" | "warning";
}

/** The default name of a pair: what `--pair` accepts when the map gives none. */
export function pairName(pair: { name?: string; staging: string; production: string }): string {
  return pair.name ?? `${pair.staging}→${pair.production}`;
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

  // Each target section names exactly one source: with two, one would be silently ignored
  // (a snapshot wins over a live url); with none, every probe on it fails at audit time.
  const sources = { database: ["url", "snapshot"], http: ["baseUrl", "snapshot"], config: ["file", "url", "command", "snapshot"] } as const;
  for (const [name, env] of Object.entries(map.environments)) {
    for (const [section, keys] of Object.entries(sources)) {
      const value = env[section as keyof typeof sources] as Record<string, unknown> | undefined;
      if (!value) continue;
      const given = keys.filter((k) => value[k] !== undefined);
      if (given.length === 1) continue;
      problems.push({
        path: ["environments", name, section, ...(given.length > 1 ? [given[1]!] : [])],
        atKey: given.length > 1,
        severity: "error",
        message: given.length
          ? `${section} takes exactly one of ${keys.join(", ")}, but has ${given.join(" and ")}`
          : `${section} needs one of ${keys.join(", ")}`,
      });
    }
  }

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
      if (!pairNames.includes(name)) {
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

/** `differences[].pairs` must name pairs the map defines: a typo would silently scope an entry to nothing. */
export function entryPairProblems(map: ParityMap): CrossReferenceProblem[] {
  const pairNames = map.pairs.map(pairName);
  const problems: CrossReferenceProblem[] = [];
  map.differences.forEach((entry, i) => {
    (entry.pairs ?? []).forEach((name, j) => {
      if (pairNames.includes(name)) return;
      problems.push({ path: ["differences", i, "pairs", j], atKey: false, severity: "error", message: `no pair is named "${name}"${suggestion(name, pairNames)} (pairs: ${pairNames.join(", ")})` });
    });
  });
  return problems;
}
