import type { LoadedMap } from "../map/load.js";
import type { DifferenceEntry, ParityMap } from "../map/schema.js";
import type { PairResult } from "../run/run-audit.js";
import { DIMENSIONS, type Audit, type Confidence, type Dimension, type DimensionAssessment, type FailOn, type PairAudit, type ProbeRun, type Rating, type SnapshotSource } from "../types.js";
import { classifyPair, type DraftFinding, type EntryState, type ProbeOutcome } from "./classify.js";
import { entrySummary, matchText } from "./entries.js";
import { withIds } from "./finding-ids.js";
import { headline, narrate } from "./narrative.js";
import { rateDimension, speaksTo } from "./rate.js";
import { sectionsOf } from "./sections.js";
import { overview, upkeepOf, type EntryOverview } from "./upkeep.js";
import { computeVerdict } from "./verdict.js";
import { listWords } from "./words.js";

export interface AssessInput {
  map: ParityMap;
  loaded: Pick<LoadedMap, "file" | "entryLines" | "probeLines">;
  results: PairResult[];
  now: Date;
  version: string;
  /** The `--fail-on` level the verdict is computed at (default: `default`). */
  gate?: FailOn;
}

function staleFindings(o: EntryOverview, multi: boolean): DraftFinding[] {
  const clean = [...o.states].filter(([, s]) => s === "clean").map(([p]) => p);
  const probe = o.entry.match!.probe;
  const where = multi ? ` on ${listWords(clean)}` : "";
  return clean.map((pair) => ({
    kind: "stale-entry",
    pair,
    probe,
    subject: o.entry.match!.subject ?? "*",
    aspect: o.entry.match!.aspect ?? "*",
    dimension: o.entry.dimension,
    risk: null,
    entry: o.summary,
    message: `map entry "${o.entry.id}" expects a difference in ${matchText(o.entry)}, but probe "${probe}" ran${where} and observed none: the gap may be closed, or the entry's match is outdated`,
  }));
}

function dimensionsOf(outcomes: ProbeOutcome[], findings: PairAudit["findings"]): Record<Dimension, DimensionAssessment> {
  const kindOf = (id: string) => outcomes.find((o) => o.run.id === id)?.run.kind ?? id;
  const out = {} as Record<Dimension, DimensionAssessment>;
  for (const dimension of DIMENSIONS) {
    const relevant = outcomes.filter((o) => speaksTo(o, dimension, findings));
    const ran = relevant.filter((o) => o.run.status === "ok").map((o) => o.run);
    const failed = relevant.filter((o) => o.run.status === "error").map((o) => o.run);
    const own = findings.filter((f) => f.dimension === dimension && f.kind !== "probe-error");
    const rated = rateDimension({ ran, failed, findings: own });
    out[dimension] = {
      ...rated,
      headline: headline(dimension, rated.rating),
      summary: narrate(rated, own, ran, kindOf),
      findings: own.filter((f) => f.kind === "gap" || f.kind === "manual-entry").length,
    };
  }
  return out;
}

const RATING_ORDER: Record<Rating, number> = { unknown: 0, low: 1, medium: 2, high: 3 };
const CONFIDENCE_ORDER: Record<Confidence, number> = { low: 0, medium: 1, high: 2 };

function overallOf(pairs: PairAudit[]): Audit["overall"] {
  const out = {} as Audit["overall"];
  for (const d of DIMENSIONS) {
    const ratings = pairs.map((p) => p.dimensions[d]);
    out[d] = {
      rating: ratings.reduce<Rating>((a, r) => (RATING_ORDER[r.rating] > RATING_ORDER[a] ? r.rating : a), "unknown"),
      confidence: ratings.reduce<Confidence>((a, r) => (CONFIDENCE_ORDER[r.confidence] < CONFIDENCE_ORDER[a] ? r.confidence : a), "high"),
    };
  }
  return out;
}

/** Every side that came from a snapshot file, once per environment and file. */
function snapshotsOf(pairs: Array<{ staging: string; production: string; probes: ProbeRun[] }>): SnapshotSource[] {
  const out = new Map<string, SnapshotSource>();
  for (const pair of pairs) {
    for (const run of pair.probes) {
      for (const side of ["staging", "production"] as const) {
        const source = run.sides?.[side];
        if (source?.source !== "snapshot") continue;
        const environment = pair[side];
        const key = `${environment}\u0000${source.file}`;
        const seen = out.get(key) ?? { environment, file: source.file, collectedAt: source.collectedAt, ageDays: source.ageDays, probes: [] };
        if (!seen.probes.includes(run.id)) seen.probes.push(run.id);
        out.set(key, seen);
      }
    }
  }
  return [...out.values()];
}

function withLine(run: ProbeRun, line: number | undefined): ProbeRun {
  return line === undefined ? run : { ...run, line };
}

/** Turns probe results into the Audit: findings, rated and narrated dimensions, the upkeep list and the verdict. */
export function assess(input: AssessInput): Audit {
  const summary = (entry: DifferenceEntry) => entrySummary(entry, input.now, input.loaded.entryLines.get(entry.id));
  const multi = input.results.length > 1;
  const classified = input.results.map(({ pair, results }) => {
    const outcomes: ProbeOutcome[] = results.map((r, i) => ({ run: r.run, probe: pair.tasks[i]!.probe, observations: r.observations }));
    return { pair, outcomes, ...classifyPair({ pair: pair.name, outcomes, entries: input.map.differences, summary }) };
  });
  const pairStates = new Map<string, Map<string, EntryState>>(classified.map((c) => [c.pair.name, c.states]));
  const overviews = overview(input.map.differences, pairStates, summary);
  for (const o of overviews.filter((x) => x.verdict === "stale")) {
    for (const stale of staleFindings(o, multi)) classified.find((c) => c.pair.name === stale.pair)!.findings.push(stale);
  }
  const pairs: PairAudit[] = classified.map(({ pair, outcomes, findings: drafts }) => {
    const findings = withIds(drafts);
    return {
      name: pair.name,
      staging: pair.staging.name,
      production: pair.production.name,
      probes: outcomes.map((o) => withLine(o.run, input.loaded.probeLines?.get(o.run.id))),
      findings,
      dimensions: dimensionsOf(outcomes, findings),
      sections: sectionsOf(findings),
    };
  });
  const upkeep = upkeepOf(overviews, multi);
  return {
    schemaVersion: 2,
    service: input.map.service,
    generatedAt: input.now.toISOString(),
    parityVersion: input.version,
    map: input.loaded.file,
    verdict: computeVerdict(pairs, upkeep, input.gate ?? "default"),
    pairs,
    overall: overallOf(pairs),
    upkeep,
    snapshots: snapshotsOf(pairs),
  };
}
