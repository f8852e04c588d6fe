import { UsageError } from "../errors.js";
import { pairName, pairNamed } from "../map/cross-reference.js";
import { suggestion } from "../map/did-you-mean.js";
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
export function probeOptions(entry: ProbeEntry, probe?: Probe<unknown, unknown>): Record<string, unknown> {
  const { id: _id, kind: _kind, timeoutMs: _timeout, pairs: _pairs, ...options } = entry;
  // The target's name is the runner's business: it hands the probe that target already.
  if (probe?.target) delete options[probe.target.probeKey];
  return options;
}

export function environment(map: ParityMap, name: string): Environment {
  return { ...map.environments[name]!, name };
}

/** pairs × probes, in map order for pairs and registry order for probes (the report order). */
export function plan(map: ParityMap, options: { pair?: string; probes?: string[] } = {}): PlannedPair[] {
  const names = map.pairs.map(pairName);
  if (options.pair && !map.pairs.some((p) => pairNamed(p, options.pair!))) {
    throw new UsageError(`no pair is named "${options.pair}"${suggestion(options.pair, names)} (pairs: ${names.join(", ")})`);
  }
  const entries = (map.probes as ProbeEntry[]).filter((e) => !options.probes || options.probes.includes(e.id));
  if (options.probes) {
    const ids = (map.probes as ProbeEntry[]).map((p) => p.id);
    const unknown = options.probes.filter((id) => !ids.includes(id));
    if (unknown.length) {
      const hint = unknown.length === 1 ? suggestion(unknown[0]!, ids) : "";
      throw new UsageError(`no probe has the id ${unknown.map((u) => `"${u}"`).join(", ")}${hint} (probes: ${ids.join(", ")})`);
    }
  }
  return map.pairs
    .filter((pair) => !options.pair || pairNamed(pair, options.pair))
    .map((pair) => {
      const name = pairName(pair);
      const tasks = entries
        .filter((entry) => !entry.pairs || entry.pairs.some((p) => pairNamed(pair, p)))
        .map((entry) => ({ entry, probe: probeKind(entry.kind)! }));
      return { name, staging: environment(map, pair.staging), production: environment(map, pair.production), tasks };
    });
}
