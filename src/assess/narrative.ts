import { probeKind } from "../../probes/index.js";
import { REDACTED } from "../redact.js";
import { DIMENSION_TITLE, type Dimension, type EntrySummary, type Finding, type GapFinding, type JsonValue, type ProbeRun, type Rating } from "../types.js";
import { isOpenHighImpact } from "./entries.js";
import type { DimensionRating } from "./rate.js";
import { RISK_ORDER } from "./risk.js";
import { listWords } from "./words.js";

const MEASUREMENTS_PER_PROBE = 1;
const KNOWN_GAPS_NAMED = 3;

/** The rating in the audit's one vocabulary: risk. "Test reliability — high risk", never "is high". */
export function headline(dimension: Dimension, rating: Rating): string {
  return `${DIMENSION_TITLE[dimension]} — ${rating === "unknown" ? "risk unknown" : `${rating} risk`}`;
}

function scalar(value: JsonValue | undefined): string | undefined {
  if (typeof value === "string") return value.length > 40 ? undefined : value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return undefined;
}

function shown(f: GapFinding): { staging: string; production: string } | undefined {
  const staging = scalar(f.evidence?.staging);
  const production = scalar(f.evidence?.production);
  if (staging === undefined || production === undefined || staging.includes(REDACTED) || production.includes(REDACTED)) return undefined;
  return { staging, production };
}

function example(f: GapFinding): string {
  const values = shown(f);
  return values ? `${f.subject} (${values.staging} in staging, ${values.production} in production)` : f.subject;
}

function sentence(text: string): string {
  const trimmed = text.trim();
  const capital = trimmed.charAt(0).toUpperCase() + trimmed.slice(1);
  return /[.!?]$/.test(capital) ? capital : `${capital}.`;
}

function undeclaredClauses(findings: GapFinding[], kindOf: (probe: string) => string): string[] {
  const byKind = new Map<string, GapFinding[]>();
  for (const f of findings) byKind.set(kindOf(f.probe), [...(byKind.get(kindOf(f.probe)) ?? []), f]);
  return [...byKind].map(([kind, list]) => {
    const noun = probeKind(kind)?.nouns ?? { one: `difference was observed by ${kind}`, many: `differences were observed by ${kind}` };
    // The examples a reader sees first: the riskiest, and among equals those whose values can be shown.
    const weight = (f: GapFinding) => RISK_ORDER[f.risk ?? "low"] * 2 + (shown(f) ? 1 : 0);
    const examples = [...list].sort((a, b) => weight(b) - weight(a)).slice(0, 2).map(example).join("; ");
    const count = list.length === 1 ? `1 ${noun.one}` : `${list.length} ${noun.many}`;
    return `${count}${noun.self ? "" : " that nobody declared"}, ${list.length === 1 ? "" : "among them "}${examples}`;
  });
}

/** Open before mitigated before accepted, then by impact. */
function knownWeight(entry: EntrySummary): number {
  return (entry.status === "open" ? 6 : entry.status === "mitigated" ? 3 : 0) + RISK_ORDER[entry.impact];
}

/**
 * The paragraph a release manager reads for one dimension: why it carries the risk it does,
 * the known gaps, the measurements, what could not be checked and why confidence is lower.
 * It never names the rating in other words: the headline says it, in the one vocabulary.
 */
export function narrate(rated: DimensionRating, findings: Finding[], ran: ProbeRun[], kindOf: (probe: string) => string): string {
  const parts: string[] = [];
  const undeclared = findings.filter((f): f is GapFinding => f.kind === "gap" && !f.declared);
  const known = new Map<string, { entry: EntrySummary; manual: boolean }>();
  for (const f of findings) if ((f.kind === "gap" || f.kind === "manual-entry") && f.entry && !known.has(f.entry.id)) known.set(f.entry.id, { entry: f.entry, manual: f.kind === "manual-entry" });
  const openHigh = [...known.values()].filter((k) => isOpenHighImpact(k.entry));

  if (rated.rating === "unknown") parts.push("No probe gathered evidence for it.");
  else if (undeclared.length) parts.push(sentence(undeclaredClauses(undeclared, kindOf).join("; ")));
  else if (openHigh.length) parts.push(openHigh.length === 1 ? "A known high-impact gap is still open." : `${openHigh.length} known high-impact gaps are still open.`);
  else if ([...known.values()].some((k) => !k.manual)) parts.push("Every difference found is known and written down in the map.");
  else if (ran.length) parts.push(`No differences found by ${listWords(ran.map((r) => r.id))}.`);

  // The known gaps, most serious first; a long map should not turn the paragraph into a list.
  const ranked = [...known.values()].sort((a, b) => knownWeight(b.entry) - knownWeight(a.entry));
  for (const { entry, manual } of ranked.slice(0, KNOWN_GAPS_NAMED)) {
    const state = entry.status === "open" ? "known and still open" : entry.status === "mitigated" ? "known, mitigated" : "known, accepted";
    const how = entry.status !== "open" && entry.mitigation ? ` (${entry.mitigation.replace(/\.$/, "")})` : entry.owner ? ` (owner: ${entry.owner})` : "";
    parts.push(`"${entry.summary.replace(/\.$/, "")}" is a ${state}, ${entry.impact}-impact gap${manual ? ", not verified by a probe" : ""}${how}.`);
  }
  if (ranked.length > KNOWN_GAPS_NAMED) {
    const more = ranked.length - KNOWN_GAPS_NAMED;
    parts.push(`${more} more known ${more === 1 ? "gap is" : "gaps are"} listed in the report.`);
  }

  // Measurements: each probe's summary only, so a flaky suite cannot drown the paragraph (the
  // report lists them all). Inconclusive looks are named under confidence.
  const measurements = new Map<string, Finding[]>();
  for (const f of findings) if (f.kind === "measurement" && !f.inconclusive) measurements.set(f.probe, [...(measurements.get(f.probe) ?? []), f]);
  for (const list of measurements.values()) {
    const ordered = [...list.filter((f) => f.aspect === "summary"), ...list.filter((f) => f.aspect !== "summary")];
    for (const f of ordered.slice(0, MEASUREMENTS_PER_PROBE)) parts.push(sentence(f.message));
  }
  const stale = findings.filter((f) => f.kind === "stale-entry");
  if (stale.length) {
    const ids = [...new Set(stale.map((f) => (f.kind === "stale-entry" ? f.entry.id : "")))];
    parts.push(`${ids.length === 1 ? "One map entry" : `${ids.length} map entries`} (${ids.join(", ")}) matched nothing and may be outdated.`);
  }
  if (rated.confidenceReasons.length && rated.rating !== "unknown") parts.push(sentence(`confidence is ${rated.confidence}: ${rated.confidenceReasons.join("; ")}`));
  else if (rated.rating === "unknown" && rated.confidenceReasons[0] !== "no probe gathered evidence for it") parts.push(sentence(rated.confidenceReasons.join("; ")));
  return parts.join(" ");
}
