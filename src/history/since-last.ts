import type { Audit, FindingRef, SinceLast } from "../types.js";

/** The gaps an audit saw (declared or not), by id: not measurements, entries or errors. */
function gaps(audit: Audit): Map<string, FindingRef> {
  const out = new Map<string, FindingRef>();
  for (const pair of audit.pairs) {
    for (const f of pair.findings) {
      if (f.kind !== "gap") continue;
      out.set(f.id, { id: f.id, pair: pair.name, probe: f.probe, subject: f.subject, aspect: f.aspect });
    }
  }
  return out;
}

/** What is new since the previous audit and what it saw that is gone now (finding ids are stable). */
export function sinceLast(current: Audit, previous: Audit | undefined, previousName: string | null): SinceLast {
  if (!previous) return { previous: null, newFindings: [], resolved: [] };
  const now = gaps(current);
  // An audit of one pair (--pair) says nothing about the others: they are neither new nor resolved.
  const pairs = new Set(current.pairs.map((p) => p.name));
  const before = new Map([...gaps(previous)].filter(([, v]) => pairs.has(v.pair)));
  return {
    previous: previousName,
    newFindings: [...now].filter(([k]) => !before.has(k)).map(([, v]) => v),
    resolved: [...before].filter(([k]) => !now.has(k)).map(([, v]) => v),
  };
}
