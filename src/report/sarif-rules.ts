import type { ReportingDescriptor, Result } from "sarif";
import type { Finding } from "../types.js";
import { SECTION_TEXT } from "./sections.js";
import { BLOCK_TEXT } from "./verdict-text.js";

/**
 * One SARIF rule per finding kind (a gap split into undeclared and declared, as the report's
 * sections are), plus overdue reviews, which block at `--fail-on any` without a finding of
 * their own. Rule ids are part of code scanning's alert identity: never rename one.
 */
export const SARIF_RULE_IDS = ["undeclared-gap", "declared-gap", "manual-entry", "stale-entry", "probe-error", "unreadable-input", "inconclusive-measurement", "overdue-review"] as const;
export type SarifRuleId = (typeof SARIF_RULE_IDS)[number];

interface RuleText {
  name: string;
  short: string;
  full: string;
  fix: string;
  level: Result.level;
}

const RULES: Record<SarifRuleId, RuleText> = {
  "undeclared-gap": { name: "UndeclaredGap", short: "Undeclared difference between staging and production.", full: SECTION_TEXT.undeclared.explain, fix: SECTION_TEXT.undeclared.fix, level: "error" },
  "declared-gap": { name: "DeclaredGap", short: "Known difference, explained by a map entry.", full: SECTION_TEXT.declared.explain, fix: SECTION_TEXT.declared.fix, level: "note" },
  "manual-entry": { name: "ManualEntry", short: "Known difference no probe verifies.", full: SECTION_TEXT.manual.explain, fix: SECTION_TEXT.manual.fix, level: "note" },
  "stale-entry": { name: "StaleEntry", short: "Map entry that matched nothing.", full: SECTION_TEXT.stale.explain, fix: SECTION_TEXT.stale.fix, level: "warning" },
  "probe-error": { name: "ProbeError", short: "Probe that could not run.", full: SECTION_TEXT["probe-error"].explain, fix: SECTION_TEXT["probe-error"].fix, level: "warning" },
  "unreadable-input": { name: "UnreadableInput", short: "Input file a probe could not read.", full: SECTION_TEXT.unreadable.explain, fix: SECTION_TEXT.unreadable.fix, level: "note" },
  "inconclusive-measurement": {
    name: "InconclusiveMeasurement",
    short: "Look that could not decide.",
    full: "A probe looked but could not decide (too few samples, too much noise); a map entry it speaks to stays unverified, not stale.",
    fix: "Give the probe more samples or a quieter window and audit again.",
    level: "note",
  },
  "overdue-review": { name: "OverdueReview", short: "Map entry past its review date.", full: "The entry's reviewBy date has passed: what it says may no longer be true.", fix: BLOCK_TEXT["overdue-review"].fix, level: "note" },
};

/** The rule a finding is reported under; plain measurements (figures, notes) are not alerts. */
export function ruleOf(f: Finding): SarifRuleId | undefined {
  switch (f.kind) {
    case "gap":
      return f.declared ? "declared-gap" : "undeclared-gap";
    case "measurement":
      return f.inconclusive ? "inconclusive-measurement" : undefined;
    case "unreadable":
      return "unreadable-input";
    default:
      return f.kind;
  }
}

export function sarifRules(): ReportingDescriptor[] {
  return SARIF_RULE_IDS.map((id) => {
    const r = RULES[id];
    return {
      id,
      name: r.name,
      shortDescription: { text: r.short },
      fullDescription: { text: r.full },
      help: { text: `${r.full} ${r.fix}`, markdown: `${r.full}\n\n**Fix:** ${r.fix}` },
      defaultConfiguration: { level: r.level },
      properties: { tags: ["parity", "environment-parity"] },
    };
  });
}
