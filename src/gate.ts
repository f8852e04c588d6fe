import type { Audit, Finding } from "./types.js";

/** What trips the audit's gate (exit code 1). */
export const FAIL_ON_LEVELS = ["default", "undeclared", "high", "any", "never"] as const;
export type FailOn = (typeof FAIL_ON_LEVELS)[number];

const openHighImpact = (f: Finding) => (f.class === "declared" || f.class === "manual") && f.entry?.status === "open" && f.entry.impact === "high";
const undeclared = (f: Finding) => f.class === "undeclared" && !f.informational;

/** The findings that trip the gate at a level (documented in the README's exit codes). */
export function gateFindings(audit: Audit, failOn: FailOn): Finding[] {
  const all = audit.pairs.flatMap((p) => p.findings);
  switch (failOn) {
    case "never":
      return [];
    case "undeclared":
      return all.filter(undeclared);
    case "high":
      return all.filter((f) => (undeclared(f) && f.severity === "high") || openHighImpact(f));
    case "any":
      return all.filter((f) => undeclared(f) || openHighImpact(f) || f.class === "stale" || f.entry?.overdue === true);
    default:
      return all.filter((f) => undeclared(f) || openHighImpact(f));
  }
}

/** 0 clean · 1 a gate tripped · 3 a probe could not run and no gate tripped (2 is for usage/map errors). */
export function exitCode(audit: Audit, failOn: FailOn): 0 | 1 | 3 {
  if (gateFindings(audit, failOn).length) return 1;
  return audit.pairs.some((p) => p.probes.some((r) => r.status === "error")) ? 3 : 0;
}
