import type { Finding } from "../types.js";
import type { DraftFinding } from "./classify.js";

/** The readable part of an id: what a person would say to point at the finding. */
function stem(f: DraftFinding): string {
  switch (f.kind) {
    case "manual-entry":
      return `${f.pair}/map/${f.entry.id}/manual`;
    case "stale-entry":
      return `${f.pair}/map/${f.entry.id}/stale`;
    case "probe-error":
      return `${f.pair}/${f.probe}/error`;
    default:
      return `${f.pair}/${f.probe}/${f.subject}/${f.aspect}`;
  }
}

/**
 * Stable, readable ids (`staging-production/app-config/PAYMENT_TIMEOUT_MS/value`): the same
 * audit gives the same ids, so saved audits can be compared and CI scripts can name findings.
 * A repeat within a pair (a probe reporting the same subject and aspect twice) gets `#2`, `#3`.
 */
export function withIds(drafts: DraftFinding[]): Finding[] {
  const seen = new Map<string, number>();
  return drafts.map((draft) => {
    const base = stem(draft);
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    return { id: n === 1 ? base : `${base}#${n}`, ...draft } as Finding;
  });
}
