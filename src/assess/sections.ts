import { SECTIONS, type Finding, type PairAudit, type Section } from "../types.js";
import { isOpenHighImpact } from "./entries.js";
import { RISK_ORDER } from "./risk.js";

/** The report group a finding belongs to; open high-impact known gaps (manual ones too) stand apart. */
export function sectionOf(finding: Finding): Section {
  switch (finding.kind) {
    case "gap":
      if (!finding.declared) return "undeclared";
      return isOpenHighImpact(finding.entry) ? "open-high-impact" : "declared";
    case "manual-entry":
      return isOpenHighImpact(finding.entry) ? "open-high-impact" : "manual";
    case "stale-entry":
      return "stale";
    case "probe-error":
      return "probe-error";
    case "unreadable":
      return "unreadable";
    case "measurement":
      return "measurement";
  }
}

/** Sections loudest first, each ordered by risk (highest first) and otherwise in audit order. */
export function sectionsOf(findings: Finding[]): PairAudit["sections"] {
  const weight = (f: Finding) => (f.risk ? RISK_ORDER[f.risk] : 0);
  return SECTIONS.map((section) => ({
    section,
    // Array.prototype.sort is stable, so equal risks keep the probes' registry order.
    findings: findings
      .filter((f) => sectionOf(f) === section)
      .sort((a, b) => weight(b) - weight(a))
      .map((f) => f.id),
  })).filter((s) => s.findings.length > 0);
}
