import type { DifferenceEntry } from "../map/schema.js";
import type { Probe } from "../probe.js";
import type { Dimension, EntrySummary, Evidence, Finding, Observation, ProbeRun } from "../types.js";
import { appliesTo, matches } from "./entries.js";
import { entryRisk, gapRisk } from "./risk.js";

export interface ProbeOutcome {
  run: ProbeRun;
  probe: Pick<Probe<unknown, unknown>, "kind" | "dimension" | "covers">;
  observations: Observation[];
}

/**
 * What one pair's audit showed about one entry with a match: a difference matched it; only an
 * inconclusive look did; its probe could not run; its probe ran and matched nothing; or its
 * probe was not part of this audit for the pair.
 */
export type EntryState = "matched" | "inconclusive" | "error" | "clean" | "not-run";

export interface ClassifyInput {
  pair: string;
  outcomes: ProbeOutcome[];
  entries: DifferenceEntry[];
  summary: (entry: DifferenceEntry) => EntrySummary;
}

/** Findings without ids yet: ids are given once the pair's findings are complete. */
export type DraftFinding = Finding extends infer F ? (F extends Finding ? Omit<F, "id"> : never) : never;

export interface PairClassification {
  findings: DraftFinding[];
  /** For every applicable entry with a match. */
  states: Map<string, EntryState>;
}

function evidenceOf(o: Observation): { evidence?: Evidence } {
  return o.staging === null && o.production === null ? {} : { evidence: { staging: o.staging, production: o.production } };
}

/**
 * One pair's observations against the map. A difference a map entry explains (the first entry
 * in map order that applies to this pair and matches, so a specific entry placed before a broad
 * one wins) is a declared gap, any other difference an undeclared one; measurements, inconclusive
 * looks and unreadable inputs are never gaps. Entries without a match are manual; probes that
 * could not run are errors naming the entries they left unverified. Stale entries need every
 * pair's states, so the assessment adds them afterwards.
 */
export function classifyPair(input: ClassifyInput): PairClassification {
  const entries = input.entries.filter((e) => appliesTo(e, input.pair));
  const findings: DraftFinding[] = [];
  const states = new Map<string, EntryState>(entries.filter((e) => e.match).map((e) => [e.id, "not-run"]));
  const raise = (id: string, state: EntryState) => {
    const order: EntryState[] = ["not-run", "clean", "error", "inconclusive", "matched"];
    if (order.indexOf(state) > order.indexOf(states.get(id) ?? "not-run")) states.set(id, state);
  };

  for (const { run, probe, observations } of input.outcomes) {
    const base = { pair: input.pair, probe: run.id };
    for (const e of entries) if (e.match?.probe === run.id) raise(e.id, run.status === "error" ? "error" : "clean");
    for (const o of observations) {
      const kind = o.kind ?? "difference";
      const entry = o.difference ? input.entries.find((e) => e.id === o.difference) : kind === "unreadable" ? undefined : entries.find((e) => matches(e, run.id, o));
      const dimension: Dimension = (o.difference ? entry?.dimension : undefined) ?? o.dimension ?? entry?.dimension ?? probe.dimension;
      const common = { ...base, subject: o.subject, aspect: o.aspect, dimension, message: o.message, ...evidenceOf(o), ...(o.location ? { location: o.location } : {}) };
      if (kind === "difference") {
        const summary = entry ? input.summary(entry) : undefined;
        if (entry) raise(entry.id, "matched");
        findings.push({ ...common, kind: "gap", declared: !!entry, severity: o.severity, risk: gapRisk(o.severity, summary), ...(summary ? { entry: summary } : {}) });
      } else if (kind === "unreadable") {
        findings.push({ ...common, kind: "unreadable", risk: null });
      } else {
        // An inconclusive look at an entry's gap leaves it unverified; a plain figure says nothing about it.
        if (entry && kind === "inconclusive") raise(entry.id, "inconclusive");
        const attached = entry && (kind === "inconclusive" || o.difference) ? { entry: input.summary(entry) } : {};
        findings.push({ ...common, kind: "measurement", inconclusive: kind === "inconclusive", risk: null, ...attached });
      }
    }
    if (run.status === "error") {
      const unverified = entries.filter((e) => e.match?.probe === run.id).map((e) => e.id);
      findings.push({
        ...base,
        kind: "probe-error",
        subject: "(probe)",
        aspect: "error",
        dimension: probe.dimension,
        side: run.side ?? "both",
        unverified,
        risk: null,
        message: `${run.kind} probe "${run.id}" could not run: ${run.error ?? "no reason given"}${unverified.length ? ` (map entries not verified: ${unverified.join(", ")})` : ""}`,
      });
    }
  }

  for (const entry of entries.filter((e) => !e.match)) {
    const summary = input.summary(entry);
    findings.push({ pair: input.pair, probe: "", kind: "manual-entry", subject: entry.id, aspect: "manual", dimension: entry.dimension, message: entry.summary, risk: entryRisk(summary), entry: summary });
  }
  return { findings, states };
}
