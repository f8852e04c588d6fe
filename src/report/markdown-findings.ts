import type { Finding, Section } from "../types.js";
import { SECTION_TEXT, dimensionWords, entryOf, entryState, riskText } from "./sections.js";
import { code, html, md } from "./md-text.js";
import { formatValue } from "./text.js";
import { ageWords } from "./age-text.js";

/** Sections this long collapse into <details>, so the first screen stays a summary. */
export const COLLAPSE_AFTER = 10;
/** Sections that are background rather than action: always collapsed. */
const ALWAYS_COLLAPSED: ReadonlySet<Section> = new Set(["declared", "measurement"]);

function target(f: Finding): string {
  if (f.kind === "manual-entry" || f.kind === "stale-entry") return `**${code(f.entry.id)}**`;
  if (f.kind === "probe-error") return code(f.probe);
  return [f.probe, f.subject, f.aspect].filter(Boolean).map((t) => code(t)).join(" · ");
}

function findingItem(f: Finding): string[] {
  const risk = f.risk ? `**${riskText(f.risk)}** ` : f.kind === "measurement" && f.inconclusive ? "_inconclusive_ " : "";
  const dimension = f.kind === "gap" || f.kind === "manual-entry" ? ` _(${dimensionWords(f)})_` : "";
  const age = ageWords(f);
  const lines = [`- ${risk}${target(f)}${dimension} — ${md(f.kind === "manual-entry" ? f.entry.summary : f.message)}${age ? ` _(${age})_` : ""}`];
  if (f.evidence) lines.push(`  staging ${code(formatValue(f.evidence.staging, 120))} · production ${code(formatValue(f.evidence.production, 120))}`);
  const entry = entryOf(f);
  if (entry && !(f.kind === "gap" && !f.declared)) {
    const head = f.kind === "manual-entry" || f.kind === "stale-entry" ? "" : `${code(entry.id)}: `;
    const mitigation = entry.mitigation ? `; mitigation: ${md(entry.mitigation)}` : "";
    const unverified = f.kind === "measurement" && f.inconclusive ? " · not verified this time" : "";
    lines.push(`  ↳ ${head}${md(entryState(entry))}${unverified}${mitigation}`);
  }
  // Two trailing spaces would be invisible in review; a blank-free list with indented lines renders as one item.
  return lines.map((l, i) => (i < lines.length - 1 ? `${l}<br>` : l));
}

/**
 * A section as markdown. `limit` caps the items shown (the GitHub step summary has a byte
 * budget); the rest are counted, not dropped silently.
 */
export function sectionMarkdown(section: Section, findings: Finding[], heading: string, limit = Infinity): string[] {
  if (findings.length === 0) return [];
  const text = SECTION_TEXT[section];
  const title = `${text.title} (${findings.length})`;
  const items = findings.slice(0, limit).flatMap((f) => findingItem(f));
  if (findings.length > limit) items.push(`- … and ${findings.length - limit} more (see the full report: \`--format json\` or \`--format html\`)`);
  const body = [`_${md(text.explain)}_`, "", ...items, ...(text.fix ? ["", `→ ${text.fix}`] : [])];
  if (ALWAYS_COLLAPSED.has(section) || findings.length > COLLAPSE_AFTER) {
    return [`<details><summary><strong>${html(title)}</strong></summary>`, "", ...body, "", "</details>", ""];
  }
  return [`${heading} ${title}`, "", ...body, ""];
}
