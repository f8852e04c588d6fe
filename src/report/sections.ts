import type { EntrySummary, Finding, PairAudit, Rating, Severity } from "../types.js";

/** The report's finding groups, loudest first. */
export const SECTIONS = ["undeclared", "open-high", "declared", "stale", "manual", "error", "measurement"] as const;
export type Section = (typeof SECTIONS)[number];

/**
 * Every user-facing sentence for a group of findings lives here, so all formats say the same
 * thing; a new section without words is a type error.
 */
export const SECTION_TEXT: Record<Section, { title: string; explain: string; fix: string }> = {
  undeclared: {
    title: "Undeclared differences",
    explain: "Observed, but nobody wrote them down: new gaps between staging and production.",
    fix: "Fix the gap, or declare it in the map (`parity map suggest` prints a ready entry).",
  },
  "open-high": {
    title: "Open high-impact differences",
    explain: "Known gaps of high impact that nobody has mitigated or accepted yet.",
    fix: "Mitigate or accept them before the release, with an owner and a review date.",
  },
  declared: {
    title: "Declared differences",
    explain: "Known gaps, explained by an entry in the map.",
    fix: "Keep each entry's mitigation and review date current.",
  },
  stale: {
    title: "Stale map entries",
    explain: "The probe ran and observed nothing matching these entries: the map may be outdated.",
    fix: "Remove the entry if the gap is gone, or correct its match.",
  },
  manual: {
    title: "Manual entries",
    explain: "Known gaps no probe verifies (entries without a match), kept in the picture.",
    fix: "Review them by hand before the release.",
  },
  error: {
    title: "Probe errors",
    explain: "Probes that could not run: the evidence they would have given is missing.",
    fix: "Fix access or timeouts and audit again; ratings are less certain until then.",
  },
  measurement: {
    title: "Measurements and notes",
    explain: "Figures and notes the probes recorded; they are not gaps.",
    fix: "",
  },
};

export { DIMENSION_TITLE } from "../types.js";

/** Ratings say how much risk the gaps carry: "high" is the worst. */
export const RATING_TEXT: Record<Rating, string> = { high: "high risk", medium: "medium risk", low: "low risk", unknown: "unknown" };

const SEVERITY_ORDER: Record<Severity, number> = { high: 0, medium: 1, low: 2 };

/** Open, high-impact and declared: the gate trips on these as it does on undeclared ones. */
export function isOpenHigh(entry: EntrySummary | undefined): boolean {
  return entry !== undefined && entry.status === "open" && entry.impact === "high";
}

export function sectionOf(finding: Finding): Section {
  if (finding.class === "error") return "error";
  if (finding.informational) return "measurement";
  if (finding.class === "undeclared") return "undeclared";
  if (finding.class === "declared") return isOpenHigh(finding.entry) ? "open-high" : "declared";
  return finding.class;
}

/** The pair's findings by section; within a section, most severe first, otherwise audit order. */
export function groupFindings(pair: PairAudit): Record<Section, Finding[]> {
  const groups = Object.fromEntries(SECTIONS.map((s) => [s, [] as Finding[]])) as Record<Section, Finding[]>;
  for (const finding of pair.findings) groups[sectionOf(finding)].push(finding);
  for (const section of SECTIONS) {
    // Array.prototype.sort is stable, so equal severities keep the registry order of the audit.
    groups[section].sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity]);
  }
  return groups;
}

/** "staging → production", plus the pair's own name when it says more (e.g. "eu"). */
export function pairLabel(pair: PairAudit): string {
  const arrow = `${pair.staging} → ${pair.production}`;
  // Names like "staging→production" or "staging-production" only repeat the arrow.
  const letters = (s: string) => s.replace(/[^\p{L}\p{N}]/gu, "").toLowerCase();
  const redundant = !pair.name || letters(pair.name) === letters(pair.staging + pair.production);
  return redundant ? arrow : `${pair.name} (${arrow})`;
}

/** Where a finding points, in one line: `app-config · PAYMENT_TIMEOUT_MS · value`. */
export function findingTarget(finding: Finding): string {
  const parts = [finding.probe, finding.subject, finding.aspect].filter((p) => p !== "");
  return parts.join(" · ");
}

/** The entry's state in a few words: "mitigated · owner payments-team · review by 2027-01-15 (overdue)". */
export function entryState(entry: EntrySummary): string {
  const parts: string[] = [`${entry.status}, ${entry.impact} impact`];
  if (entry.owner) parts.push(`owner ${entry.owner}`);
  if (entry.reviewBy) parts.push(`review by ${entry.reviewBy}${entry.overdue ? " (overdue)" : ""}`);
  else if (entry.overdue) parts.push("review overdue");
  return parts.join(" · ");
}

/** Every map entry the audit mentions, by id (the first finding carrying it wins). */
export function entriesById(pairs: PairAudit[]): Map<string, EntrySummary> {
  const out = new Map<string, EntrySummary>();
  for (const pair of pairs) for (const f of pair.findings) if (f.entry && !out.has(f.entry.id)) out.set(f.entry.id, f.entry);
  return out;
}
