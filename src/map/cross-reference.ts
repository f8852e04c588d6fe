import { SAFE_METHODS } from "../../probes/http/request.js";
import { probeKind } from "../../probes/index.js";
import { suggestion } from "./did-you-mean.js";
import type { KeyPath } from "./positions.js";
import { resolveTarget, withArticle } from "./resolve-target.js";
import type { EnvironmentSpec } from "./schema.js";
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

/**
 * The map as cross-reference checks see it: the raw document data, which may be anything when
 * zod rejected it (a pair without `staging`, `environments: 5`, a probe that is a string). The
 * accessors below hand out only well-typed parts, so a check never throws on a malformed one and
 * `map validate` can report cross-references in the same run as zod's problems.
 */
export interface RawMap {
  environments: Array<[string, Record<string, unknown>]>;
  /** Index in the map → the pair's fields that are strings. */
  pairs: Array<{ index: number; name?: string; staging?: string; production?: string }>;
  probes: Array<{ index: number; entry: Record<string, unknown>; id?: string }>;
  differences: Array<{ index: number; entry: Record<string, unknown>; id?: string }>;
}

type Check = (map: RawMap, today: Date) => CrossReferenceProblem[];

const record = (v: unknown): Record<string, unknown> | undefined => (v !== null && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined);
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const text = (v: unknown): string | undefined => (typeof v === "string" ? v : undefined);

export function rawMap(data: unknown): RawMap {
  const root = record(data) ?? {};
  const entries = (key: string) =>
    list(root[key]).flatMap((item, index) => {
      const entry = record(item);
      return entry ? [{ index, entry, id: text(entry.id) }] : [];
    });
  return {
    environments: Object.entries(record(root.environments) ?? {}).map(([name, env]) => [name, record(env) ?? {}]),
    pairs: list(root.pairs).flatMap((item, index) => {
      const pair = record(item);
      return pair ? [{ index, name: text(pair.name), staging: text(pair.staging), production: text(pair.production) }] : [];
    }),
    probes: entries("probes"),
    differences: entries("differences"),
  };
}

const error = (path: KeyPath, message: string, atKey = false): CrossReferenceProblem => ({ path, atKey, severity: "error", message });

/** Pairs name environments that exist, and two different ones. */
const pairEnvironments: Check = (map) => {
  const environments = map.environments.map(([name]) => name);
  return map.pairs.flatMap((pair) => {
    const out: CrossReferenceProblem[] = [];
    for (const side of ["staging", "production"] as const) {
      const name = pair[side];
      if (name !== undefined && !environments.includes(name)) {
        out.push(error(["pairs", pair.index, side], `environment "${name}" is not defined under environments${suggestion(name, environments)}${environments.length ? ` (defined: ${environments.join(", ")})` : ""}`));
      }
    }
    if (pair.staging !== undefined && pair.staging === pair.production) out.push(error(["pairs", pair.index], `a pair compares "${pair.staging}" with itself`));
    return out;
  });
};

/**
 * Each target names exactly one source: with two, one would be silently ignored (a snapshot
 * wins over a live url); with none, every probe on it fails at audit time. Every kind of target
 * the registered probes read, unnamed and named.
 */
const targetSources: Check = (map) =>
  map.environments.flatMap(([envName, env]) =>
    [...targetsOf(env as EnvironmentSpec)].flatMap(({ kind, name, section }) => {
      const value = record(section);
      if (!value) return [];
      const where = name ? ["environments", envName, kind.named, name] : ["environments", envName, kind.section];
      const label = name ? `${kind.named}.${name}` : kind.section;
      const given = kind.sources.filter((k) => value[k] !== undefined);
      if (given.length === 1) return [];
      return [
        error(
          [...where, ...(given.length > 1 ? [given[1]!] : [])],
          given.length ? `${label} takes exactly one of ${kind.sources.join(", ")}, but has ${given.join(" and ")}` : `${label} needs one of ${kind.sources.join(", ")}`,
          given.length > 1,
        ),
      ];
    }),
  );

/** The pairs whose two sides are named, as the plan sees them. */
const wholePairs = (map: RawMap): PairLike[] => map.pairs.filter((p): p is typeof p & PairLike => p.staging !== undefined && p.production !== undefined);

/**
 * Every probe finds the target it reads on both sides of every pair it runs on, so a schema
 * probe on an environment without a database is a map error at validation, not a probe error
 * at audit time. A target named by the probe but missing is reported at that key.
 */
const probeTargets: Check = (map) => {
  const environments = new Map(map.environments);
  return map.probes.flatMap((probe) => {
    const kind = probeKind(text(probe.entry.kind) ?? "")?.target;
    if (!kind || probe.id === undefined) return [];
    const name = text(probe.entry[kind.probeKey]);
    // The pairs the probe runs on; when its `pairs:` names none that exists (reported on its
    // own), every pair, so a wrong target name is reported in the same run, not after that fix.
    const pairs = wholePairs(map);
    const only = list(probe.entry.pairs).filter((p): p is string => typeof p === "string");
    const named = pairs.filter((pair) => only.some((p) => pairNamed(pair, p)));
    const seen = new Set<string>();
    const out: CrossReferenceProblem[] = [];
    for (const pair of probe.entry.pairs !== undefined && named.length ? named : pairs) {
      for (const envName of [pair.staging, pair.production]) {
        const env = environments.get(envName);
        // An undefined environment is reported once, at the pair.
        if (!env || seen.has(envName)) continue;
        seen.add(envName);
        const resolved = resolveTarget(env as EnvironmentSpec, envName, kind, name);
        if (resolved.ok) continue;
        const at = resolved.problem.unknownName !== undefined ? ["probes", probe.index, kind.probeKey] : ["probes", probe.index];
        out.push(error(at, `${text(probe.entry.kind)} probe "${probe.id}" reads ${withArticle(kind.noun)}, but ${resolved.problem.message}`));
      }
    }
    return out;
  });
};

function duplicates<T>(items: T[], id: (item: T) => string | undefined): Array<[string, T, T]> {
  const first = new Map<string, T>();
  const out: Array<[string, T, T]> = [];
  for (const item of items) {
    const key = id(item);
    if (key === undefined) continue;
    const seen = first.get(key);
    if (seen === undefined) first.set(key, item);
    else out.push([key, seen, item]);
  }
  return out;
}

const pairNames = (map: RawMap): string[] => wholePairs(map).map(pairName);

/** Whether `name` names one of the map's pairs (the arrow form included). */
const namesAPair = (map: RawMap, name: string): boolean => wholePairs(map).some((pair) => pairNamed(pair, name));

const duplicateIds: Check = (map) => [
  ...duplicates(map.probes, (p) => p.id).map(([id, first, again]) => error(["probes", again.index, "id"], `duplicate probe id "${id}" (first used at probes[${first.index}])`)),
  ...duplicates(map.differences, (d) => d.id).map(([id, first, again]) => error(["differences", again.index, "id"], `duplicate difference id "${id}" (first used at differences[${first.index}])`)),
  ...duplicates(
    map.pairs.filter((p) => p.staging !== undefined && p.production !== undefined),
    (p) => pairName(p as { name?: string; staging: string; production: string }),
  ).map(([id, first, again]) => error(["pairs", again.index], `duplicate pair name "${id}" (first used at pairs[${first.index}])`)),
];

/** A probe's `pairs:` names pairs that exist. */
const probePairs: Check = (map) => {
  const names = pairNames(map);
  return map.probes.flatMap((probe) =>
    list(probe.entry.pairs).flatMap((name, j) =>
      typeof name === "string" && !namesAPair(map, name)
        ? [error(["probes", probe.index, "pairs", j], `no pair is named "${name}"${suggestion(name, names)} (pairs: ${names.join(", ")})`)]
        : [],
    ),
  );
};

/** `differences[].pairs` names pairs the map defines: a typo would silently scope an entry to nothing. */
const entryPairs: Check = (map) => {
  const names = pairNames(map);
  return map.differences.flatMap((entry) =>
    list(entry.entry.pairs).flatMap((name, j) =>
      typeof name === "string" && !namesAPair(map, name)
        ? [error(["differences", entry.index, "pairs", j], `no pair is named "${name}"${suggestion(name, names)} (pairs: ${names.join(", ")})`)]
        : [],
    ),
  );
};

/** A difference's `match.probe` names a probe of the map. */
const matchProbes: Check = (map) => {
  const ids = map.probes.flatMap((p) => (p.id === undefined ? [] : [p.id]));
  return map.differences.flatMap((entry) => {
    const probe = text(record(entry.entry.match)?.probe);
    if (probe === undefined || probe === "" || ids.includes(probe)) return [];
    return [error(["differences", entry.index, "match", "probe"], `no probe has the id "${probe}"${suggestion(probe, ids)}${ids.length ? ` (probes: ${ids.join(", ")})` : " (the map defines no probes)"}`)];
  });
};

/**
 * Requests that could change data (POST, DELETE …) are refused by `map validate` at the method,
 * not first at audit time, unless the probe opts in. Any probe with a `request` or `requests`
 * option is covered, whatever its kind.
 */
const unsafeMethods: Check = (map) =>
  map.probes.flatMap((probe) => {
    if (probe.entry.allowUnsafeMethods === true) return [];
    const requests: Array<[KeyPath, unknown]> = [
      ...(record(probe.entry.request) ? [[["probes", probe.index, "request"], probe.entry.request] as [KeyPath, unknown]] : []),
      ...list(probe.entry.requests).map((r, j) => [["probes", probe.index, "requests", j], r] as [KeyPath, unknown]),
    ];
    return requests.flatMap(([path, request]) => {
      const method = text(record(request)?.method);
      if (method === undefined || !/^[A-Za-z]+$/.test(method) || (SAFE_METHODS as readonly string[]).includes(method.toUpperCase())) return [];
      return [error([...path, "method"], `${method.toUpperCase()} could change data on the target: only ${SAFE_METHODS.join(", ")} are sent unless the probe sets allowUnsafeMethods: true`)];
    });
  });

/** Overdue reviews are warnings: the map is still usable. */
const overdueReviews: Check = (map, today) => {
  const todayText = today.toISOString().slice(0, 10);
  return map.differences.flatMap((entry) => {
    const reviewBy = text(entry.entry.reviewBy);
    if (!reviewBy || !/^\d{4}-\d{2}-\d{2}$/.test(reviewBy) || reviewBy >= todayText) return [];
    return [{ path: ["differences", entry.index, "reviewBy"], atKey: false, severity: "warning" as const, message: `review of "${entry.id ?? `differences[${entry.index}]`}" was due on ${reviewBy} (overdue)` }];
  });
};

/** Every cross-reference rule, each a small function of the raw map; add new ones here. */
export const CHECKS: readonly Check[] = [pairEnvironments, targetSources, probeTargets, duplicateIds, probePairs, entryPairs, matchProbes, unsafeMethods, overdueReviews];

/**
 * Rules zod cannot express because they relate one part of the map to another: every
 * reference must name something that exists, and ids must be unique. Runs on the raw document
 * data too (when zod rejected it), so every problem is reported in one run. `today` decides
 * which reviews are overdue.
 */
export function crossReference(data: unknown, today: Date): CrossReferenceProblem[] {
  const map = rawMap(data);
  return CHECKS.flatMap((check) => check(map, today));
}
