import { DIMENSION_TITLE, type DimensionAssessment, type Dimension, type Finding, type JsonValue, type ProbeRun } from "../types.js";
import { REDACTED } from "../redact.js";
import { riskOf } from "./rate.js";

/** How undeclared differences of each probe kind are counted in words. */
const NOUNS: Record<string, { one: string; many: string; /** the noun already says nobody wrote it down */ self?: boolean }> = {
  config: { one: "configuration value differs", many: "configuration values differ" },
  schema: { one: "schema difference was found", many: "schema differences were found" },
  data: { one: "data difference was found", many: "data differences were found" },
  latency: { one: "latency or error-rate gap was measured", many: "latency or error-rate gaps were measured" },
  status: { one: "HTTP behaviour differs", many: "HTTP behaviours differ" },
  tests: { one: "test result differs", many: "test results differ" },
  deployments: { one: "deployment difference was found", many: "deployment differences were found" },
  incidents: { one: "environment-caused incident traces to no map entry", many: "environment-caused incidents trace to no map entry", self: true },
  migrations: { one: "migration difference was found", many: "migration differences were found" },
  cache: { one: "cache setting differs", many: "cache settings differ" },
  flags: { one: "feature flag differs", many: "feature flags differ" },
};

function scalar(value: JsonValue): string | undefined {
  if (typeof value === "string") return value.length > 40 ? `${value.slice(0, 37)}…` : value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return undefined;
}

const MEASUREMENTS_PER_PROBE = 1;
const KNOWN_GAPS_NAMED = 3;

const SEVERITY_WEIGHT = { low: 0, medium: 1, high: 2 } as const;

function showable(finding: Finding): boolean {
  const s = scalar(finding.staging);
  const p = scalar(finding.production);
  return s !== undefined && p !== undefined && !s.includes(REDACTED) && !p.includes(REDACTED);
}

/** Open before mitigated before accepted, then by impact. */
function knownWeight(f: Finding): number {
  const entry = f.entry!;
  return (entry.status === "open" ? 6 : entry.status === "mitigated" ? 3 : 0) + SEVERITY_WEIGHT[entry.impact];
}

function example(finding: Finding): string {
  const staging = scalar(finding.staging);
  const production = scalar(finding.production);
  if (showable(finding) && staging !== undefined && production !== undefined) return `${finding.subject} (${staging} in staging, ${production} in production)`;
  return finding.subject;
}

function sentence(text: string): string {
  const trimmed = text.trim();
  const capital = trimmed.charAt(0).toUpperCase() + trimmed.slice(1);
  return /[.!?]$/.test(capital) ? capital : `${capital}.`;
}

function undeclaredClause(findings: Finding[], kindOf: (probe: string) => string): string[] {
  const byKind = new Map<string, Finding[]>();
  for (const f of findings) byKind.set(kindOf(f.probe), [...(byKind.get(kindOf(f.probe)) ?? []), f]);
  return [...byKind].map(([kind, list]) => {
    const noun = NOUNS[kind] ?? { one: `difference was observed by ${kind}`, many: `differences were observed by ${kind}` };
    // The examples a reader sees first: the most severe, and among equals those whose values can be shown.
    const weight = (f: Finding) => SEVERITY_WEIGHT[f.severity] * 2 + (showable(f) ? 1 : 0);
    const ranked = [...list].sort((a, b) => weight(b) - weight(a));
    const examples = ranked.slice(0, 2).map(example).join("; ");
    const count = list.length === 1 ? `1 ${noun.one}` : `${list.length} ${noun.many}`;
    return `${count}${noun.self ? "" : " that nobody declared"}, ${list.length === 1 ? "" : "among them "}${examples}`;
  });
}

/**
 * The paragraph a release manager reads for one dimension: the rating and why, the known
 * gaps, the measurements and what could not be checked.
 */
export function narrate(
  dimension: Dimension,
  assessment: Omit<DimensionAssessment, "summary">,
  findings: Finding[],
  runs: { ran: ProbeRun[]; failed: ProbeRun[] },
  kindOf: (probe: string) => string,
): string {
  const title = DIMENSION_TITLE[dimension];
  const parts: string[] = [];
  if (assessment.rating === "unknown") {
    parts.push(`${title} is unknown: no probe gathered evidence for it.`);
  } else {
    const undeclared = findings.filter((f) => f.class === "undeclared" && !f.informational);
    const clauses = undeclaredClause(undeclared, kindOf);
    const openHigh = findings.filter((f) => (f.class === "declared" || f.class === "manual") && f.entry?.status === "open" && f.entry.impact === "high");
    if (clauses.length) parts.push(`${title} is ${assessment.rating}: ${clauses.join("; ")}.`);
    else if (openHigh.length) parts.push(`${title} is ${assessment.rating}: ${openHigh.length === 1 ? "a known high-impact gap is still open" : `${openHigh.length} known high-impact gaps are still open`}.`);
    else if (findings.some((f) => riskOf(f))) parts.push(`${title} is ${assessment.rating}: every difference found is known and written down in the map.`);
    else parts.push(`${title} is ${assessment.rating}: ${runs.ran.length ? `no differences found by ${runs.ran.map((r) => r.id).join(", ")}` : "nothing suggests a gap"}.`);
  }
  const known = new Map<string, Finding>();
  for (const f of findings) if ((f.class === "declared" || f.class === "manual") && f.entry && !known.has(f.entry.id)) known.set(f.entry.id, f);
  // The known gaps, most serious first; a long map should not turn the paragraph into a list.
  const ranked = [...known.values()].sort((a, b) => knownWeight(b) - knownWeight(a));
  for (const f of ranked.slice(0, KNOWN_GAPS_NAMED)) {
    const entry = f.entry!;
    const state = entry.status === "open" ? "known and still open" : entry.status === "mitigated" ? "known, mitigated" : "known, accepted";
    const how = entry.status !== "open" && entry.mitigation ? ` (${entry.mitigation.replace(/\.$/, "")})` : entry.owner ? ` (owner: ${entry.owner})` : "";
    const verified = f.class === "manual" ? ", not verified by a probe" : "";
    parts.push(`"${entry.summary.replace(/\.$/, "")}" is a ${state}, ${entry.impact}-impact gap${verified}${how}.`);
  }
  if (ranked.length > KNOWN_GAPS_NAMED) {
    const more = ranked.length - KNOWN_GAPS_NAMED;
    parts.push(`${more} more known ${more === 1 ? "gap is" : "gaps are"} listed in the report.`);
  }
  // Measurements: each probe's summary only, so a flaky suite cannot drown the paragraph (the
  // report lists them all).
  const measurements = new Map<string, Finding[]>();
  for (const f of findings.filter((x) => x.informational)) measurements.set(f.probe, [...(measurements.get(f.probe) ?? []), f]);
  for (const list of measurements.values()) {
    const ordered = [...list.filter((f) => f.aspect === "summary"), ...list.filter((f) => f.aspect !== "summary")];
    for (const f of ordered.slice(0, MEASUREMENTS_PER_PROBE)) parts.push(sentence(f.message));
  }
  const stale = findings.filter((f) => f.class === "stale");
  if (stale.length) parts.push(`${stale.length === 1 ? "One map entry" : `${stale.length} map entries`} (${stale.map((f) => f.difference).join(", ")}) matched nothing and may be outdated.`);
  if (runs.failed.length) parts.push(`${runs.failed.length === 1 ? "Probe" : "Probes"} ${runs.failed.map((r) => r.id).join(", ")} could not run, so this rests on less evidence.`);
  return parts.join(" ");
}
