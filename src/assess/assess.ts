import type { LoadedMap } from "../map/load.js";
import type { ParityMap } from "../map/schema.js";
import type { PairResult } from "../run/run-audit.js";
import { DIMENSIONS, type Audit, type Dimension, type DimensionAssessment, type PairAudit } from "../types.js";
import { classify, isOverdue } from "./classify.js";
import { narrate } from "./narrative.js";
import { dimensionsOfRun, rateDimension } from "./rate.js";

export interface AssessInput {
  map: ParityMap;
  loaded: Pick<LoadedMap, "file" | "entryLines">;
  results: PairResult[];
  now: Date;
  version: string;
}

/** Turns probe results into the Audit: classified findings and rated, narrated dimensions. */
export function assess(input: AssessInput): Audit {
  const pairs: PairAudit[] = input.results.map(({ pair, results }) => {
    const probeRuns = results.map((r, i) => ({ run: r.run, probe: pair.tasks[i]!.probe, observations: r.observations }));
    const findings = classify({ probeRuns, entries: input.map.differences, entryLines: input.loaded.entryLines, today: input.now });
    const kindOf = (id: string) => probeRuns.find((r) => r.run.id === id)?.run.kind ?? id;
    const dimensions = {} as Record<Dimension, DimensionAssessment>;
    for (const dimension of DIMENSIONS) {
      const relevant = probeRuns.filter((r) =>
        dimensionsOfRun(r.probe.dimension, r.probe.covers, findings.filter((f) => f.probe === r.run.id && (f.class === "declared" || f.class === "undeclared"))).has(dimension),
      );
      const ran = relevant.filter((r) => r.run.status === "ok").map((r) => r.run);
      const failed = relevant.filter((r) => r.run.status === "error").map((r) => r.run);
      const own = findings.filter((f) => f.dimension === dimension && f.class !== "error");
      const rated = rateDimension({ ran, failed, findings: own });
      dimensions[dimension] = { ...rated, summary: narrate(dimension, rated, own, { ran, failed }, kindOf) };
    }
    return {
      name: pair.name,
      staging: pair.staging.name,
      production: pair.production.name,
      probes: results.map((r) => r.run),
      findings,
      dimensions,
    };
  });
  const stale = [...new Set(pairs.flatMap((p) => p.findings.filter((f) => f.class === "stale").map((f) => f.difference!)))];
  return {
    schemaVersion: 1,
    service: input.map.service,
    generatedAt: input.now.toISOString(),
    parityVersion: input.version,
    map: input.loaded.file,
    pairs,
    upkeep: { stale, overdue: input.map.differences.filter((d) => isOverdue(d, input.now)).map((d) => d.id) },
  };
}
