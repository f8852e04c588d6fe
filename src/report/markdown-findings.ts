import type { Finding } from "../types.js";
import { SECTION_TEXT, entryState, type Section } from "./sections.js";
import { code, html, md } from "./md-text.js";
import { formatValue } from "./text.js";

/** Sections this long collapse into <details>, so the first screen stays a summary. */
export const COLLAPSE_AFTER = 10;
/** Sections that are background rather than action: always collapsed. */
const ALWAYS_COLLAPSED: ReadonlySet<Section> = new Set(["declared", "measurement"]);

function target(f: Finding): string {
  return [f.probe, f.subject, f.aspect].filter(Boolean).map((t) => code(t)).join(" · ");
}

function findingItem(section: Section, f: Finding): string[] {
  const lines: string[] = [];
  if (section === "manual" || section === "stale") {
    lines.push(`- **${md(f.difference ?? f.subject)}** (${f.severity}) — ${md(section === "manual" && f.entry ? f.entry.summary : f.message)}`);
  } else if (section === "error") {
    lines.push(`- ${code(f.probe || f.subject)} — ${md(f.message)}`);
  } else if (section === "measurement") {
    lines.push(`- ${target(f)} — ${md(f.message)}`);
  } else {
    lines.push(`- **${f.severity}** ${target(f)} _(${f.dimension})_ — ${md(f.message)}`);
  }
  const evidence = section !== "stale" && section !== "manual" && section !== "error";
  if (evidence && (f.staging !== null || f.production !== null)) {
    lines.push(`  staging ${code(formatValue(f.staging, 120))} · production ${code(formatValue(f.production, 120))}`);
  }
  if (f.entry && section !== "undeclared") {
    const head = section === "manual" || section === "stale" ? "" : `${code(f.entry.id)}: `;
    const mitigation = f.entry.mitigation ? `; mitigation: ${md(f.entry.mitigation)}` : "";
    lines.push(`  ↳ ${head}${md(entryState(f.entry))}${mitigation}`);
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
  const items = findings.slice(0, limit).flatMap((f) => findingItem(section, f));
  if (findings.length > limit) items.push(`- … and ${findings.length - limit} more (see the full report: \`--format json\` or \`--format html\`)`);
  const body = [`_${md(text.explain)}_`, "", ...items, ...(text.fix ? ["", `→ ${md(text.fix).replace(/\\`/g, "`")}`] : [])];
  if (ALWAYS_COLLAPSED.has(section) || findings.length > COLLAPSE_AFTER) {
    return [`<details><summary><strong>${html(title)}</strong></summary>`, "", ...body, "", "</details>", ""];
  }
  return [`${heading} ${title}`, "", ...body, ""];
}
