import type { BlockReason, FailOn, Risk } from "../types.js";

export { FAIL_ON_LEVELS, type FailOn } from "../types.js";

/** Something that may block the release: an undeclared gap, an open high-impact entry, a stale or overdue one. */
export interface GateCandidate {
  reason: BlockReason;
  /** For undeclared gaps: the `high` level blocks only on high-risk ones. */
  risk?: Risk | null;
}

/**
 * What blocks at each `--fail-on` level — the README's table, in one place. The verdict, the
 * checklist, the annotations and `parity report --fail-on` all ask this function.
 */
export function blocks(candidate: GateCandidate, gate: FailOn): boolean {
  switch (gate) {
    case "never":
      return false;
    case "undeclared":
      return candidate.reason === "undeclared";
    case "high":
      return (candidate.reason === "undeclared" && candidate.risk === "high") || candidate.reason === "open-high-impact";
    case "default":
      return candidate.reason === "undeclared" || candidate.reason === "open-high-impact";
    case "any":
      return true;
  }
}
