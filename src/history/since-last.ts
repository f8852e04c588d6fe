import type { Audit, Finding, SinceLast } from "../types.js";

type Key = SinceLast["newFindings"][number];

/** The gaps an audit saw: real differences (declared or not), not measurements or map upkeep. */
function gaps(audit: Audit): Map<string, Key> {
  const out = new Map<string, Key>();
  for (const pair of audit.pairs) {
    for (const f of pair.findings as Finding[]) {
      if (f.informational || (f.class !== "undeclared" && f.class !== "declared")) continue;
      const key = { pair: pair.name, probe: f.probe, subject: f.subject, aspect: f.aspect };
      out.set(JSON.stringify(key), key);
    }
  }
  return out;
}

/** What is new since the previous audit and what it saw that is gone now. */
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
