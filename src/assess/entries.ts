import { globMatcher } from "../glob.js";
import type { DifferenceEntry } from "../map/schema.js";
import type { EntrySummary, Observation } from "../types.js";

/** What reporters carry of an entry; `today` decides whether its review is overdue. */
export function entrySummary(entry: DifferenceEntry, today: Date, line?: number): EntrySummary {
  return {
    id: entry.id,
    summary: entry.summary,
    dimension: entry.dimension,
    impact: entry.impact,
    status: entry.status,
    ...(entry.mitigation !== undefined ? { mitigation: entry.mitigation } : {}),
    ...(entry.owner !== undefined ? { owner: entry.owner } : {}),
    ...(entry.reviewBy !== undefined ? { reviewBy: entry.reviewBy } : {}),
    overdue: isOverdue(entry, today),
    ...(entry.pairs ? { pairs: entry.pairs } : {}),
    ...(line !== undefined ? { line } : {}),
  };
}

export function isOverdue(entry: Pick<DifferenceEntry, "reviewBy">, today: Date): boolean {
  return !!entry.reviewBy && entry.reviewBy < today.toISOString().slice(0, 10);
}

/** An entry without `pairs` applies to every pair. */
export function appliesTo(entry: Pick<DifferenceEntry, "pairs">, pair: string): boolean {
  return !entry.pairs || entry.pairs.includes(pair);
}

/**
 * Open and high-impact: the known gaps the default gate blocks on, whether a probe matched
 * them or they are manual. Written once; the gate, the sections and the narrative all ask here.
 */
export function isOpenHighImpact(entry: Pick<EntrySummary, "status" | "impact"> | undefined): boolean {
  return entry !== undefined && entry.status === "open" && entry.impact === "high";
}

/** Whether an entry's `match` explains an observation of a probe. */
export function matches(entry: DifferenceEntry, probeId: string, observation: Pick<Observation, "subject" | "aspect">): boolean {
  const match = entry.match;
  if (!match || match.probe !== probeId) return false;
  if (match.aspect && match.aspect !== observation.aspect) return false;
  return globMatcher(match.subject ?? "*")(observation.subject);
}

/** "LEGACY_LEDGER_URL (value)", "any subject (p95)" — what an entry's match expects, in a few words. */
export function matchText(entry: DifferenceEntry): string {
  const subject = entry.match?.subject ?? "*";
  return `${subject === "*" ? "any subject" : subject}${entry.match?.aspect ? ` (${entry.match.aspect})` : ""}`;
}
