import { SAFE_METHODS } from "../../probes/http/request.js";
import { suggestion } from "./did-you-mean.js";
import type { KeyPath } from "./positions.js";

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

// Each target section names exactly one source: with two, one would be silently ignored
// (a snapshot wins over a live url); with none, every probe on it fails at audit time.
const SOURCES = { database: ["url", "snapshot"], http: ["baseUrl", "snapshot"], config: ["file", "url", "command", "snapshot"] } as const;

const oneSourcePerTarget: Check = (map) =>
  map.environments.flatMap(([name, env]) =>
    Object.entries(SOURCES).flatMap(([section, keys]) => {
      const value = record(env[section]);
      if (!value) return [];
      const given = keys.filter((k) => value[k] !== undefined);
      if (given.length === 1) return [];
      return [
        error(
          ["environments", name, section, ...(given.length > 1 ? [given[1]!] : [])],
          given.length ? `${section} takes exactly one of ${keys.join(", ")}, but has ${given.join(" and ")}` : `${section} needs one of ${keys.join(", ")}`,
          given.length > 1,
        ),
      ];
    }),
  );

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

const pairNames = (map: RawMap): string[] =>
  map.pairs.filter((p) => p.staging !== undefined && p.production !== undefined).map((p) => pairName(p as { name?: string; staging: string; production: string }));

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
      typeof name === "string" && !names.includes(name)
        ? [error(["probes", probe.index, "pairs", j], `no pair is named "${name}"${suggestion(name, names)} (pairs: ${names.join(", ")})`)]
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
export const CHECKS: readonly Check[] = [pairEnvironments, oneSourcePerTarget, duplicateIds, probePairs, matchProbes, unsafeMethods, overdueReviews];

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
