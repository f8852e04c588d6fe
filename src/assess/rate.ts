import type { Dimension, Finding, ProbeRun, Rating, Severity } from "../types.js";

const ORDER: Record<Severity, number> = { low: 1, medium: 2, high: 3 };

/**
 * The risk one finding adds to its dimension. These are the README's rating rules; change them
 * together.
 *  - undeclared: the observation's own severity;
 *  - declared or manual: the entry's impact, one step lower once mitigated or accepted;
 *  - stale entries, errors and informational measurements add no risk (errors lower confidence).
 */
export function riskOf(finding: Finding): Severity | undefined {
  if (finding.informational) return undefined;
  if (finding.class === "undeclared") return finding.severity;
  if ((finding.class === "declared" || finding.class === "manual") && finding.entry) {
    const impact = finding.entry.impact;
    if (finding.entry.status === "open") return impact;
    return impact === "high" ? "medium" : "low";
  }
  return undefined;
}

export function maxRisk(findings: Finding[]): Severity | undefined {
  let best: Severity | undefined;
  for (const finding of findings) {
    const risk = riskOf(finding);
    if (risk && (!best || ORDER[risk] > ORDER[best])) best = risk;
  }
  return best;
}

export interface DimensionEvidence {
  /** Probes that ran cleanly and speak to this dimension. */
  ran: ProbeRun[];
  /** Probes that speak to this dimension but could not run. */
  failed: ProbeRun[];
  findings: Finding[];
}

/**
 * A dimension is rated by the worst risk among its findings. With no risky finding it is low
 * if some probe speaking to it ran cleanly or a manual entry describes it, and unknown when
 * nothing gathered evidence for it.
 */
export function rateDimension(evidence: DimensionEvidence): { rating: Rating; confidence: "high" | "medium" | "low" } {
  const risk = maxRisk(evidence.findings);
  const hasEvidence = evidence.ran.length > 0 || evidence.findings.some((f) => f.class === "manual");
  const rating: Rating = risk ?? (hasEvidence ? "low" : "unknown");
  const confidence = evidence.failed.length === 0 ? "high" : evidence.failed.length < evidence.ran.length ? "medium" : "low";
  return { rating, confidence: rating === "unknown" ? "low" : confidence };
}

export function dimensionsOfRun(defaultDimension: Dimension, covers: readonly Dimension[] | undefined, findings: Finding[]): Set<Dimension> {
  return new Set<Dimension>([defaultDimension, ...(covers ?? []), ...findings.map((f) => f.dimension)]);
}
