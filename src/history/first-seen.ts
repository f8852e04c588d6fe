import type { Audit, Finding, PairAudit } from "../types.js";

const DAY_MS = 86_400_000;

/** Whether a saved audit looked where a finding would be: its pair ran, and its probe ran there cleanly. */
export function looked(pair: PairAudit | undefined, f: Pick<Finding, "kind" | "probe">): boolean {
  if (!pair) return false;
  if (f.kind === "manual-entry") return true;
  const run = pair.probes.find((r) => r.id === f.probe);
  if (f.kind === "probe-error") return run !== undefined;
  return run?.status === "ok";
}

/** Whole days between two instants, never negative. */
export function daysBetween(from: string, to: string): number {
  return Math.max(0, Math.floor((Date.parse(to) - Date.parse(from)) / DAY_MS));
}

/**
 * Gives every finding the date a saved audit of the same service and map first showed it, and
 * its age. Walking back from the newest saved audit: one that has the finding carries it back
 * (to its own `firstSeen` when it has one, which already sums up what came before); one that
 * looked and did not see it ends the streak (the gap was closed, this is a new one); one that
 * did not look (another --pair, another --probe, a probe that failed) says nothing either way.
 */
export function stampFirstSeen(current: Audit, previousNewestFirst: readonly Audit[]): Audit {
  const indexed = previousNewestFirst.map((audit) => ({
    audit,
    pairs: new Map(audit.pairs.map((p) => [p.name, p])),
    findings: new Map(audit.pairs.flatMap((p) => p.findings.map((f) => [`${p.name}\u0000${f.id}`, f] as const))),
  }));
  const stamp = (f: Finding): Finding => {
    let firstSeen = current.generatedAt;
    for (const prev of indexed) {
      if (prev.audit.generatedAt >= current.generatedAt) continue;
      const seen = prev.findings.get(`${f.pair}\u0000${f.id}`);
      if (seen) {
        firstSeen = seen.firstSeen ?? prev.audit.generatedAt;
        if (seen.firstSeen) break;
        continue;
      }
      if (looked(prev.pairs.get(f.pair), f)) break;
    }
    return { ...f, firstSeen, ageDays: daysBetween(firstSeen, current.generatedAt) };
  };
  return { ...current, pairs: current.pairs.map((p) => ({ ...p, findings: p.findings.map(stamp) })) };
}
