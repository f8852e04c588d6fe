import type { Audit, BlockingItem, ExitCode, FailOn, Finding, PairAudit, PairVerdict, Upkeep, Verdict, VerdictCounts } from "../types.js";
import { isOpenHighImpact } from "./entries.js";
import { blocks } from "./gate.js";
import { RISK_ORDER } from "./risk.js";
import { plural } from "./words.js";

type Candidate = BlockingItem & { risk?: Finding["risk"] };


/** Every item that may block, whatever the gate: the gate then picks. */
function candidates(pairs: PairAudit[], upkeep: Upkeep): Candidate[] {
  const out: Candidate[] = [];
  const openHigh = new Map<string, Candidate>();
  const stale = new Map<string, Candidate>();
  for (const pair of pairs) {
    for (const f of pair.findings) {
      if (f.kind === "gap" && !f.declared) out.push({ id: f.id, reason: "undeclared", risk: f.risk, pairs: [pair.name], findings: [f.id] });
      // One item per open high-impact entry and pair, however many observations it explains.
      if ((f.kind === "gap" || f.kind === "manual-entry") && f.entry && isOpenHighImpact(f.entry)) {
        const id = `${pair.name}/open-high-impact/${f.entry.id}`;
        const seen = openHigh.get(id);
        if (seen) seen.findings.push(f.id);
        else openHigh.set(id, { id, reason: "open-high-impact", pairs: [pair.name], entry: f.entry.id, findings: [f.id] });
      }
      if (f.kind === "stale-entry") {
        const id = `stale-entry/${f.entry.id}`;
        const seen = stale.get(id);
        if (seen) {
          seen.pairs.push(pair.name);
          seen.findings.push(f.id);
        } else stale.set(id, { id, reason: "stale-entry", pairs: [pair.name], entry: f.entry.id, findings: [f.id] });
      }
    }
  }
  // Riskiest first (an open high-impact gap weighs as a high-risk one; the sort is stable, so
  // audit order otherwise), then the map's upkeep.
  out.push(...openHigh.values());
  const weight = (c: Candidate) => (c.reason === "open-high-impact" ? RISK_ORDER.high : c.risk ? RISK_ORDER[c.risk] : 0);
  out.sort((a, b) => weight(b) - weight(a));
  out.push(...stale.values());
  // An overdue entry that applies to none of this audit's pairs is the map's business, not this release's.
  for (const item of upkeep.overdue.filter((i) => i.pairs.length > 0)) {
    const findings = pairs.flatMap((p) => p.findings.filter((f) => "entry" in f && f.entry?.id === item.entry).map((f) => f.id));
    out.push({ id: `overdue-review/${item.entry}`, reason: "overdue-review", pairs: item.pairs, entry: item.entry, findings });
  }
  return out;
}

function countFindings(findings: Finding[]): Omit<VerdictCounts, "openHighImpact" | "stale" | "unverified" | "overdue"> {
  const n = (test: (f: Finding) => boolean) => findings.filter(test).length;
  return {
    undeclared: n((f) => f.kind === "gap" && !f.declared),
    declared: n((f) => f.kind === "gap" && f.declared),
    manual: n((f) => f.kind === "manual-entry"),
    probeErrors: n((f) => f.kind === "probe-error"),
    unreadable: n((f) => f.kind === "unreadable"),
    measurements: n((f) => f.kind === "measurement" && !f.inconclusive),
    inconclusive: n((f) => f.kind === "measurement" && f.inconclusive),
  };
}

function counts(findings: Finding[], all: Candidate[], upkeep: Upkeep, pair?: string): VerdictCounts {
  const here = (pairs: string[]) => pair === undefined || pairs.includes(pair);
  const n = countFindings(findings);
  // In the order of VerdictCounts, so the JSON reads the same way as the type.
  return {
    undeclared: n.undeclared,
    declared: n.declared,
    openHighImpact: all.filter((c) => c.reason === "open-high-impact" && here(c.pairs)).length,
    manual: n.manual,
    stale: upkeep.stale.filter((i) => here(i.pairs)).length,
    unverified: upkeep.unverified.filter((i) => here(i.pairs)).length,
    overdue: upkeep.overdue.filter((i) => here(i.pairs)).length,
    probeErrors: n.probeErrors,
    unreadable: n.unreadable,
    measurements: n.measurements,
    inconclusive: n.inconclusive,
  };
}

const NOTHING: Record<FailOn, string> = {
  default: "no undeclared differences or open high-impact known gaps",
  undeclared: "no undeclared differences",
  high: "no high-risk undeclared differences or open high-impact known gaps",
  any: "no undeclared differences, open high-impact known gaps, stale entries or overdue reviews",
  never: "nothing blocks at --fail-on never",
};

/** "22 undeclared differences", "2 open high-impact known gaps", … in a fixed order. */
function reasonTexts(gate: FailOn, blocking: Candidate[], probeErrors: number): string[] {
  const n = (reason: BlockingItem["reason"]) => blocking.filter((b) => b.reason === reason).length;
  const out: string[] = [];
  if (n("undeclared")) out.push(plural(n("undeclared"), gate === "high" ? "high-risk undeclared difference" : "undeclared difference"));
  if (n("open-high-impact")) out.push(plural(n("open-high-impact"), "open high-impact known gap"));
  if (n("stale-entry")) out.push(plural(n("stale-entry"), "stale map entry", "stale map entries"));
  if (n("overdue-review")) out.push(plural(n("overdue-review"), "overdue review"));
  if (probeErrors) out.push(plural(probeErrors, "probe error"));
  return out;
}

function exitCodeOf(blocking: number, probeErrors: number): ExitCode {
  return blocking ? 1 : probeErrors ? 3 : 0;
}

/**
 * The release decision: which items block at this gate, the exit code, the counts (across
 * pairs and per pair) and the one line every format states first.
 */
export function computeVerdict(pairs: PairAudit[], upkeep: Upkeep, gate: FailOn): Verdict {
  const all = candidates(pairs, upkeep);
  const blocking = all.filter((c) => blocks(c, gate));
  const findings = pairs.flatMap((p) => p.findings);
  const total = counts(findings, all, upkeep);
  const exitCode = exitCodeOf(blocking.length, total.probeErrors);
  const reasons = reasonTexts(gate, blocking, total.probeErrors);
  const scope = `(${plural(pairs.length, "pair")})`;
  let why: string;
  if (blocking.length) why = reasons.join(", ");
  else if (total.probeErrors) why = `${NOTHING[gate]}, but ${plural(total.probeErrors, "probe error")} left evidence missing`;
  else why = NOTHING[gate];
  const byPair: Record<string, PairVerdict> = {};
  for (const pair of pairs) {
    const mine = blocking.filter((b) => b.pairs.includes(pair.name));
    const c = counts(pair.findings, all, upkeep, pair.name);
    byPair[pair.name] = { passed: mine.length === 0, exitCode: exitCodeOf(mine.length, c.probeErrors), counts: c, blocking: mine.map((b) => b.id) };
  }
  return {
    gate,
    passed: blocking.length === 0,
    exitCode,
    summary: `Gate (${gate}): ${blocking.length ? "FAILED" : "PASSED"}, exit ${exitCode} — ${why} ${scope}`,
    reasons,
    counts: total,
    byPair,
    blocking: blocking.map(({ risk: _risk, ...item }) => item),
  };
}

/** The same audit judged at another gate level (`parity report --from … --fail-on …`). */
export function reverdict(audit: Audit, gate: FailOn): Audit {
  return { ...audit, verdict: computeVerdict(audit.pairs, audit.upkeep, gate) };
}
