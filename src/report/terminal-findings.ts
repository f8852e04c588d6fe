import type { Finding, Section } from "../types.js";
import type { Palette } from "./palette.js";
import { SECTION_TEXT, dimensionWords, entryOf, entryState, findingTarget, riskText } from "./sections.js";
import { clean, formatValue, wrap } from "./text.js";
import { SECTION_MARK, markOf } from "./verdict-text.js";
import { ageWords } from "./age-text.js";

const INDENT = "      ";

/** What a finding says besides its target: the entry's summary for entries, the message otherwise. */
function text(f: Finding): string {
  return f.kind === "manual-entry" ? f.entry.summary : f.message;
}

/** One finding as a few terminal lines: a headline, the message, the evidence, the map entry. */
function findingLines(section: Section, f: Finding, p: Palette, width: number): string[] {
  const { c } = p;
  const mark = markOf(section, f);
  const tag = f.risk ? `[${riskText(f.risk)}] ` : "";
  const lines: string[] = [];
  // The headline wraps as plain text under its own start; colour goes on afterwards.
  const plainPrefix = `  ${mark} ${tag}`;
  const colouredPrefix = `  ${p.section(section, mark)} ${tag ? `${p.risk(f.risk, tag.trimEnd())} ` : ""}`;
  wrap(clean(findingTarget(f)), width, " ".repeat(plainPrefix.length), INDENT).forEach((l, i) => {
    lines.push(i === 0 ? colouredPrefix + c.bold(l.slice(plainPrefix.length)) : c.bold(l));
  });
  const dimension = f.kind === "gap" || f.kind === "manual-entry" ? ` — ${dimensionWords(f)}` : "";
  const age = ageWords(f);
  lines.push(...wrap(`${clean(text(f))}${dimension}${age ? ` · ${age}` : ""}`, width, INDENT));
  if (f.evidence) {
    const room = width - INDENT.length - 12;
    lines.push(`${INDENT}${c.gray("staging   ")}  ${formatValue(f.evidence.staging, room)}`);
    lines.push(`${INDENT}${c.gray("production")}  ${formatValue(f.evidence.production, room)}`);
  }
  const entry = entryOf(f);
  if (entry && !(f.kind === "gap" && !f.declared)) {
    const head = f.kind === "manual-entry" || f.kind === "stale-entry" ? "" : `${entry.id}: `;
    const unverified = f.kind === "measurement" && f.inconclusive ? " · not verified this time" : "";
    lines.push(...wrap(`↳ ${head}${entryState(entry)}${unverified}`, width, INDENT, `${INDENT}  `).map((l) => c.gray(clean(l))));
    if (entry.mitigation) lines.push(...wrap(`mitigation: ${clean(entry.mitigation)}`, width, `${INDENT}  `).map((l) => c.gray(l)));
  }
  return lines;
}

/** A section: its title with a count, one line of explanation, then each finding. */
export function sectionLines(section: Section, findings: Finding[], p: Palette, width: number): string[] {
  if (findings.length === 0) return [];
  const words = SECTION_TEXT[section];
  // The heading carries the section's marker, so every marker is explained where it first appears.
  const lines = [p.section(section, `${SECTION_MARK[section]} ${words.title} (${findings.length})`), ...wrap(words.explain, width, "  ").map((l) => p.c.gray(l))];
  for (const f of findings) lines.push(...findingLines(section, f, p, width));
  if (words.fix) lines.push(...wrap(`→ ${words.fix}`, width, "  ").map((l) => p.c.italic(l)));
  return [...lines, ""];
}
