import type { EntrySummary, Finding, PairAudit, Rating, Risk, Section } from "../types.js";

export { DIMENSION_TITLE, SECTIONS, type Section } from "../types.js";

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
  "open-high-impact": {
    title: "Open high-impact known gaps",
    explain: "Known gaps of high impact that nobody has mitigated or accepted yet, manual entries included.",
    fix: "Mitigate or accept them before the release, with an owner and a review date.",
  },
  declared: {
    title: "Declared differences",
    explain: "Known gaps, explained by an entry in the map; their risk is the entry's impact and status.",
    fix: "Keep each entry's mitigation and review date current.",
  },
  manual: {
    title: "Manual entries",
    explain: "Known gaps no probe verifies (entries without a match), kept in the picture.",
    fix: "Review them by hand before the release.",
  },
  stale: {
    title: "Stale map entries",
    explain: "Their probe ran on the pairs they apply to and observed nothing matching: the map may be outdated.",
    fix: "Remove the entry if the gap is gone, or correct its match.",
  },
  "probe-error": {
    title: "Probe errors",
    explain: "Probes that could not run: the evidence they would have given is missing.",
    fix: "Fix access or timeouts and audit again; ratings are less certain until then.",
  },
  unreadable: {
    title: "Unreadable inputs",
    explain: "Files a probe could not read; its other inputs still count, and confidence is lower.",
    fix: "Fix or remove the file and audit again.",
  },
  measurement: {
    title: "Measurements and notes",
    explain: "Figures and notes the probes recorded, and looks that could not decide (inconclusive); they are not gaps.",
    fix: "",
  },
};

/** Ratings say how much risk the gaps carry: "high risk" is the worst. */
export const RATING_TEXT: Record<Rating, string> = { high: "high risk", medium: "medium risk", low: "low risk", unknown: "risk unknown" };

export function riskText(risk: Risk): string {
  return `${risk} risk`;
}

/** The pair's sections, loudest first, with their findings (as the assessment ordered them). */
export function pairSections(pair: PairAudit): Array<{ section: Section; findings: Finding[] }> {
  const byId = new Map(pair.findings.map((f) => [f.id, f]));
  return pair.sections.map((s) => ({ section: s.section, findings: s.findings.map((id) => byId.get(id)).filter((f): f is Finding => f !== undefined) }));
}

/** "staging → production", plus the pair's own name when it says more (e.g. "eu"). */
export function pairLabel(pair: Pick<PairAudit, "name" | "staging" | "production">): string {
  const arrow = `${pair.staging} → ${pair.production}`;
  // Names like "staging→production" or "staging-production" only repeat the arrow.
  const letters = (s: string) => s.replace(/[^\p{L}\p{N}]/gu, "").toLowerCase();
  const redundant = !pair.name || letters(pair.name) === letters(pair.staging + pair.production);
  return redundant ? arrow : `${pair.name} (${arrow})`;
}

/** Where a finding points, in one line: `app-config · PAYMENT_TIMEOUT_MS · value`. */
export function findingTarget(finding: Finding): string {
  switch (finding.kind) {
    case "manual-entry":
    case "stale-entry":
      return finding.entry.id;
    case "probe-error":
      return finding.probe;
    case "unreadable":
      return `${finding.probe} · ${finding.subject}`;
    default:
      return [finding.probe, finding.subject, finding.aspect].filter((p) => p !== "").join(" · ");
  }
}

/** The entry's state in a few words: "mitigated, high impact · owner payments-team · review by 2027-01-15 (overdue)". */
export function entryState(entry: EntrySummary): string {
  const parts: string[] = [`${entry.status}, ${entry.impact} impact`];
  if (entry.owner) parts.push(`owner ${entry.owner}`);
  if (entry.reviewBy) parts.push(`review by ${entry.reviewBy}${entry.overdue ? " (overdue)" : ""}`);
  else if (entry.overdue) parts.push("review overdue");
  return parts.join(" · ");
}

/** The entry a finding is filed under, if any. */
export function entryOf(finding: Finding): EntrySummary | undefined {
  return "entry" in finding ? finding.entry : undefined;
}

/** A finding's dimension as words ("data fidelity"). */
export function dimensionWords(finding: Finding): string {
  return finding.dimension.replace(/-/g, " ");
}
