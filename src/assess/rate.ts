import type { Confidence, Dimension, Finding, ProbeRun, Rating } from "../types.js";
import type { ProbeOutcome } from "./classify.js";
import { maxRisk } from "./risk.js";
import { listWords as list } from "./words.js";

export interface DimensionEvidence {
  /** Probes that ran cleanly and speak to this dimension. */
  ran: ProbeRun[];
  /** Probes that speak to this dimension but could not run. */
  failed: ProbeRun[];
  /** The dimension's findings. */
  findings: Finding[];
}

export interface DimensionRating {
  rating: Rating;
  confidence: Confidence;
  confidenceReasons: string[];
}

/**
 * Whether a probe speaks to a dimension: its own, the ones it covers, and those of the gaps it
 * found. A note alone (a superuser session, caps raised) is not evidence about another
 * dimension: it would rate that dimension "low risk" on the strength of a remark.
 */
export function speaksTo(outcome: ProbeOutcome, dimension: Dimension, findings: Finding[]): boolean {
  if (outcome.probe.dimension === dimension || outcome.probe.covers?.includes(dimension)) return true;
  return findings.some((f) => f.probe === outcome.run.id && f.dimension === dimension && f.kind === "gap");
}

/**
 * The README's rating rules. The rating is the highest risk among the dimension's gaps and
 * manual entries; with none it is low when a probe speaking to it ran cleanly or a manual entry
 * describes it, and unknown when nothing gathered evidence. Confidence says how much of the
 * evidence was gathered: high when nothing was missing, medium when a probe failed, a look was
 * inconclusive or an input unreadable while other evidence stands, low when no probe speaking
 * to the dimension ran cleanly (a manual entry alone is not evidence a probe gathered).
 */
export function rateDimension(evidence: DimensionEvidence): DimensionRating {
  const { ran, failed, findings } = evidence;
  const risk = maxRisk(findings.filter((f) => f.kind === "gap" || f.kind === "manual-entry").map((f) => f.risk));
  const manual = findings.filter((f) => f.kind === "manual-entry");
  const hasEvidence = ran.length > 0 || manual.length > 0;
  const rating: Rating = risk ?? (hasEvidence ? "low" : "unknown");
  if (rating === "unknown") return { rating, confidence: "low", confidenceReasons: [failed.length ? `${failed.length === 1 ? "probe" : "probes"} ${list(failed.map((r) => r.id))} could not run` : "no probe gathered evidence for it"] };

  const reasons: string[] = [];
  if (failed.length) reasons.push(`${failed.length === 1 ? "probe" : "probes"} ${list(failed.map((r) => r.id))} could not run`);
  const inconclusive = findings.filter((f) => f.kind === "measurement" && f.inconclusive);
  if (inconclusive.length) {
    const looks = [...new Set(inconclusive.map((f) => `${f.probe} on ${f.aspect}`))];
    reasons.push(`${inconclusive.length === 1 ? "a measurement was" : `${inconclusive.length} measurements were`} inconclusive (${list(looks)})`);
  }
  const unreadable = findings.filter((f) => f.kind === "unreadable");
  if (unreadable.length) reasons.push(`${unreadable.length === 1 ? "an input" : `${unreadable.length} inputs`} could not be read (${list(unreadable.map((f) => f.subject))})`);
  if (ran.length === 0) reasons.push(`only ${manual.length === 1 ? "a map entry" : "map entries"} that no probe verifies ${manual.length === 1 ? "speaks" : "speak"} to it`);
  const confidence: Confidence = ran.length === 0 ? "low" : reasons.length ? "medium" : "high";
  return { rating, confidence, confidenceReasons: reasons };
}
