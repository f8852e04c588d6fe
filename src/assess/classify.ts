import { globMatcher } from "../glob.js";
import type { DifferenceEntry } from "../map/schema.js";
import type { EntrySummary, Finding, Observation, ProbeRun } from "../types.js";
import type { Probe } from "../probe.js";

export interface ClassifyInput {
  probeRuns: Array<{ run: ProbeRun; probe: Probe<unknown, unknown>; observations: Observation[] }>;
  entries: DifferenceEntry[];
  entryLines: Map<string, number>;
  today: Date;
}

export function entrySummary(entry: DifferenceEntry, today: Date, line?: number): EntrySummary {
  return {
    id: entry.id,
    summary: entry.summary,
    impact: entry.impact,
    status: entry.status,
    mitigation: entry.mitigation,
    owner: entry.owner,
    reviewBy: entry.reviewBy,
    overdue: isOverdue(entry, today),
    line,
  };
}

export function isOverdue(entry: DifferenceEntry, today: Date): boolean {
  return !!entry.reviewBy && entry.reviewBy < today.toISOString().slice(0, 10);
}

function matches(entry: DifferenceEntry, probeId: string, observation: Observation): boolean {
  const match = entry.match;
  if (!match || match.probe !== probeId) return false;
  if (match.aspect && match.aspect !== observation.aspect) return false;
  return globMatcher(match.subject ?? "*")(observation.subject);
}

/**
 * Every observation becomes a finding: declared when a map entry explains it (first entry in
 * map order wins, so a specific entry placed before a broad one takes precedence), undeclared
 * otherwise. Then the map's side: entries whose probe ran cleanly and saw nothing matching are
 * stale, entries without a match are manual, and probes that could not run are errors.
 */
export function classify(input: ClassifyInput): Finding[] {
  const findings: Finding[] = [];
  const explained = new Set<string>();
  const summary = (entry: DifferenceEntry) => entrySummary(entry, input.today, input.entryLines.get(entry.id));

  for (const { run, probe, observations } of input.probeRuns) {
    for (const observation of observations) {
      const entry = observation.difference
        ? input.entries.find((e) => e.id === observation.difference)
        : input.entries.find((e) => matches(e, run.id, observation));
      if (entry && (!observation.informational || observation.inconclusive)) explained.add(entry.id);
      findings.push({
        probe: run.id,
        subject: observation.subject,
        aspect: observation.aspect,
        class: entry ? "declared" : "undeclared",
        difference: entry?.id ?? null,
        dimension: (observation.difference ? entry?.dimension : undefined) ?? observation.dimension ?? entry?.dimension ?? probe.dimension,
        severity: observation.severity,
        message: observation.message,
        staging: observation.staging,
        production: observation.production,
        ...(observation.informational ? { informational: true } : {}),
        ...(entry ? { entry: summary(entry) } : {}),
      });
    }
    if (run.status === "error") {
      const unverified = input.entries.filter((e) => e.match?.probe === run.id).map((e) => e.id);
      findings.push({
        probe: run.id,
        subject: "(probe)",
        aspect: "error",
        class: "error",
        difference: null,
        dimension: probe.dimension,
        severity: "high",
        message: `${run.kind} probe "${run.id}" could not run: ${run.error}${unverified.length ? ` (map entries not verified: ${unverified.join(", ")})` : ""}`,
        staging: null,
        production: null,
      });
    }
  }

  const cleanRuns = new Set(input.probeRuns.filter((r) => r.run.status === "ok").map((r) => r.run.id));
  for (const entry of input.entries) {
    if (!entry.match) {
      findings.push({
        probe: "",
        subject: entry.id,
        aspect: "manual",
        class: "manual",
        difference: entry.id,
        dimension: entry.dimension,
        severity: entry.impact,
        message: entry.summary,
        staging: null,
        production: null,
        entry: summary(entry),
      });
    } else if (cleanRuns.has(entry.match.probe) && !explained.has(entry.id)) {
      const what = `${entry.match.subject ?? "*"}${entry.match.aspect ? ` (${entry.match.aspect})` : ""}`;
      findings.push({
        probe: entry.match.probe,
        subject: entry.match.subject ?? "*",
        aspect: entry.match.aspect ?? "*",
        class: "stale",
        difference: entry.id,
        dimension: entry.dimension,
        severity: entry.impact,
        message: `map entry "${entry.id}" expects a difference in ${what}, but probe "${entry.match.probe}" ran and observed none: the gap may be closed, or the entry's match is outdated`,
        staging: null,
        production: null,
        entry: summary(entry),
      });
    }
  }
  return findings;
}
