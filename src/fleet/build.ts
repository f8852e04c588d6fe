import type { SavedAudit, SkippedEntry } from "../history/store.js";
import { latestPerMap, mapKey } from "../history/store.js";
import { DIMENSIONS, RATINGS, type Audit, type Confidence, type Dimension, type Rating, type Risk, type VerdictCounts } from "../types.js";
import type { Fleet, FleetGroup, FleetService, FleetTotals } from "./model.js";

const RISK_ORDER: Record<string, number> = { high: 3, medium: 2, low: 1 };
const RATING_ORDER: Record<Rating, number> = { unknown: 0, low: 1, medium: 2, high: 3 };

function ownersOf(audit: Audit): string[] {
  const owners = new Set<string>();
  for (const pair of audit.pairs) for (const f of pair.findings) if ("entry" in f && f.entry?.owner) owners.add(f.entry.owner);
  for (const list of [audit.upkeep.stale, audit.upkeep.overdue, audit.upkeep.unverified, audit.upkeep.unchecked]) for (const u of list) if (u.owner) owners.add(u.owner);
  return [...owners].sort();
}

function serviceOf(saved: SavedAudit): FleetService {
  const { audit } = saved;
  const ratings = {} as Record<Dimension, Rating>;
  const confidence = {} as Record<Dimension, Confidence>;
  for (const d of DIMENSIONS) {
    ratings[d] = audit.overall[d].rating;
    confidence[d] = audit.overall[d].confidence;
  }
  return {
    service: audit.service,
    map: mapKey(audit.map),
    generatedAt: audit.generatedAt,
    gate: audit.verdict.gate,
    passed: audit.verdict.passed,
    exitCode: audit.verdict.exitCode,
    summary: audit.verdict.summary,
    pairs: audit.pairs.map((p) => p.name),
    ratings,
    confidence,
    counts: { ...audit.verdict.counts },
    owners: ownersOf(audit),
    source: saved.ref,
  };
}

function sumCounts(all: VerdictCounts[]): VerdictCounts {
  const out: VerdictCounts = { undeclared: 0, declared: 0, openHighImpact: 0, manual: 0, stale: 0, unverified: 0, overdue: 0, probeErrors: 0, unreadable: 0, measurements: 0, inconclusive: 0 };
  for (const c of all) for (const k of Object.keys(out) as Array<keyof VerdictCounts>) out[k] += c[k] ?? 0;
  return out;
}

function totalsOf(services: FleetService[]): FleetTotals {
  const ratings = {} as FleetTotals["ratings"];
  for (const d of DIMENSIONS) {
    ratings[d] = Object.fromEntries(RATINGS.map((r) => [r, 0])) as Record<Rating, number>;
    for (const s of services) ratings[d][s.ratings[d]]++;
  }
  return {
    services: services.length,
    passed: services.filter((s) => s.passed && s.exitCode === 0).length,
    failed: services.filter((s) => !s.passed).length,
    incomplete: services.filter((s) => s.passed && s.exitCode !== 0).length,
    counts: sumCounts(services.map((s) => s.counts)),
    ratings,
  };
}

function maxRisk(a: Risk | null, b: Risk | null): Risk | null {
  return (RISK_ORDER[b ?? ""] ?? 0) > (RISK_ORDER[a ?? ""] ?? 0) ? b : a;
}

/** Identical undeclared differences across services: same probe kind, subject and aspect. */
function groupsOf(audits: SavedAudit[], services: FleetService[]): FleetGroup[] {
  const groups = new Map<string, FleetGroup>();
  audits.forEach(({ audit }, i) => {
    const service = services[i]!;
    for (const pair of audit.pairs) {
      const kinds = new Map(pair.probes.map((r) => [r.id, r.kind]));
      for (const f of pair.findings) {
        if (f.kind !== "gap" || f.declared) continue;
        const probeKind = kinds.get(f.probe) ?? f.probe;
        const key = `${probeKind}/${f.subject}/${f.aspect}`;
        const group = groups.get(key) ?? { key, probeKind, subject: f.subject, aspect: f.aspect, dimension: f.dimension, risk: null, services: [], owners: [] };
        group.risk = maxRisk(group.risk, f.risk);
        let member = group.services.find((m) => m.service === service.service && m.map === service.map);
        if (!member) {
          member = { service: service.service, map: service.map, pairs: [], risk: f.risk, message: f.message, findings: [] };
          group.services.push(member);
        }
        if (!member.pairs.includes(pair.name)) member.pairs.push(pair.name);
        member.risk = maxRisk(member.risk, f.risk);
        member.findings.push(f.id);
        groups.set(key, group);
      }
    }
  });
  for (const group of groups.values()) {
    const owners = new Set<string>();
    for (const m of group.services) for (const o of services.find((s) => s.service === m.service && s.map === m.map)?.owners ?? []) owners.add(o);
    group.owners = [...owners].sort();
    group.services.sort((a, b) => a.service.localeCompare(b.service) || a.map.localeCompare(b.map));
  }
  return [...groups.values()].sort((a, b) => b.services.length - a.services.length || (RISK_ORDER[b.risk ?? ""] ?? 0) - (RISK_ORDER[a.risk ?? ""] ?? 0) || a.key.localeCompare(b.key));
}

/** The fleet from saved audits: the newest of each service and map, ordered worst first. */
export function buildFleet(saved: SavedAudit[], skipped: SkippedEntry[], now: Date): Fleet {
  const latest = latestPerMap(saved);
  const services = latest.map(serviceOf);
  const order = latest.map((s, i) => ({ s, service: services[i]! }));
  const worst = (x: FleetService) => (x.passed ? (x.exitCode === 0 ? 0 : 1) : 2);
  const peak = (x: FleetService) => Math.max(...DIMENSIONS.map((d) => RATING_ORDER[x.ratings[d]]));
  order.sort((a, b) => worst(b.service) - worst(a.service) || peak(b.service) - peak(a.service) || b.service.counts.undeclared - a.service.counts.undeclared || a.service.service.localeCompare(b.service.service) || a.service.map.localeCompare(b.service.map));
  const sortedAudits = order.map((o) => o.s);
  const sortedServices = order.map((o) => o.service);
  return {
    kind: "parity-fleet",
    schemaVersion: 1,
    generatedAt: now.toISOString(),
    audits: saved.length,
    services: sortedServices,
    totals: totalsOf(sortedServices),
    groups: groupsOf(sortedAudits, sortedServices),
    skipped,
  };
}
