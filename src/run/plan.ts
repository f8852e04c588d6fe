import { UsageError } from "../errors.js";
import { pairName } from "../map/cross-reference.js";
import type { Environment, ParityMap, ProbeEntry } from "../map/schema.js";
import { probeKind } from "../../probes/index.js";
import type { Probe } from "../probe.js";

export interface PlannedPair {
  name: string;
  staging: Environment;
  production: Environment;
  tasks: ProbeTask[];
}

export interface ProbeTask {
  entry: ProbeEntry;
  probe: Probe<unknown, unknown>;
}

/** The options a probe sees: its map entry without the fields every probe shares. */
export function probeOptions(entry: ProbeEntry): Record<string, unknown> {
  const { id: _id, kind: _kind, timeoutMs: _timeout, pairs: _pairs, ...options } = entry;
  return options;
}

export function environment(map: ParityMap, name: string): Environment {
  return { ...map.environments[name]!, name };
}

/** pairs × probes, in map order for pairs and registry order for probes (the report order). */
export function plan(map: ParityMap, options: { pair?: string; probes?: string[] } = {}): PlannedPair[] {
  const names = map.pairs.map(pairName);
  if (options.pair && !names.includes(options.pair)) {
    throw new UsageError(`no pair is named "${options.pair}" (pairs: ${names.join(", ")})`);
  }
  const entries = (map.probes as ProbeEntry[]).filter((e) => !options.probes || options.probes.includes(e.id));
  if (options.probes) {
    const unknown = options.probes.filter((id) => !map.probes.some((p) => p.id === id));
    if (unknown.length) throw new UsageError(`no probe has the id ${unknown.map((u) => `"${u}"`).join(", ")} (probes: ${map.probes.map((p) => p.id).join(", ")})`);
  }
  return map.pairs
    .filter((pair) => !options.pair || pairName(pair) === options.pair)
    .map((pair) => {
      const name = pairName(pair);
      const tasks = entries
        .filter((entry) => !entry.pairs || entry.pairs.includes(name))
        .map((entry) => ({ entry, probe: probeKind(entry.kind)! }));
      return { name, staging: environment(map, pair.staging), production: environment(map, pair.production), tasks };
    });
}
