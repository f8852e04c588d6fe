import type { EntrySummary, Risk, Severity } from "../types.js";

export const RISK_ORDER: Record<Risk, number> = { low: 1, medium: 2, high: 3 };

/**
 * The risk a known gap carries: its entry's impact while open, one step lower once mitigated
 * or accepted (high → medium, medium → low, low → low). The README's rating rules; change
 * them together.
 */
export function entryRisk(entry: Pick<EntrySummary, "impact" | "status">): Risk {
  if (entry.status === "open") return entry.impact;
  return entry.impact === "high" ? "medium" : "low";
}

/** An undeclared gap weighs what the probe judged; a declared one what its entry says. */
export function gapRisk(severity: Severity, entry: EntrySummary | undefined): Risk {
  return entry ? entryRisk(entry) : severity;
}

export function maxRisk(risks: Iterable<Risk | null>): Risk | undefined {
  let best: Risk | undefined;
  for (const risk of risks) if (risk && (!best || RISK_ORDER[risk] > RISK_ORDER[best])) best = risk;
  return best;
}
