import type { Finding } from "../types.js";
import type { Palette } from "./palette.js";
import { SECTION_MARK } from "./palette.js";
import { SECTION_TEXT, entryState, findingTarget, type Section } from "./sections.js";
import { clean, formatValue, plural, wrap } from "./text.js";

const INDENT = "      ";

/** One finding as a few terminal lines: a headline, the message, the evidence, the map entry. */
function findingLines(section: Section, f: Finding, p: Palette, width: number): string[] {
  const { c } = p;
  const mark = p.section(section, SECTION_MARK[section]);
  const lines: string[] = [];
  // The headline wraps as plain text under its own start; colour goes on afterwards.
  const headline = (tag: string, text: string) => {
    const plainPrefix = `  ${SECTION_MARK[section]} ${tag ? `[${tag}] ` : ""}`;
    const colouredPrefix = `  ${mark} ${tag ? `${p.severity(f.severity, `[${tag}]`)} ` : ""}`;
    wrap(clean(text), width, " ".repeat(plainPrefix.length), INDENT).forEach((l, i) => {
      lines.push(i === 0 ? colouredPrefix + c.bold(l.slice(plainPrefix.length)) : c.bold(l));
    });
  };
  if (section === "manual" || section === "stale") headline(f.severity, f.difference ?? f.subject);
  else if (section === "error") headline("", f.probe || f.subject);
  else if (section === "measurement") headline("", findingTarget(f));
  else headline(f.severity, findingTarget(f));
  const message = section === "manual" && f.entry ? f.entry.summary : f.message;
  const dimension = section === "undeclared" || section === "open-high" || section === "declared" ? ` — ${f.dimension}` : "";
  lines.push(...wrap(`${clean(message)}${dimension}`, width, INDENT));
  const evidence = section !== "stale" && section !== "manual" && section !== "error";
  if (evidence && (f.staging !== null || f.production !== null)) {
    const room = width - INDENT.length - 12;
    lines.push(`${INDENT}${c.gray("staging   ")}  ${formatValue(f.staging, room)}`);
    lines.push(`${INDENT}${c.gray("production")}  ${formatValue(f.production, room)}`);
  }
  if (f.entry && section !== "undeclared") {
    const entry = f.entry;
    const head = section === "manual" || section === "stale" ? "" : `${entry.id}: `;
    lines.push(...wrap(`↳ ${head}${entryState(entry)}`, width, INDENT).map((l) => c.gray(clean(l))));
    if (entry.mitigation) lines.push(...wrap(`mitigation: ${clean(entry.mitigation)}`, width, `${INDENT}  `).map((l) => c.gray(l)));
  }
  return lines;
}

/** A section: its title with a count, one line of explanation, then each finding. */
export function sectionLines(section: Section, findings: Finding[], p: Palette, width: number): string[] {
  if (findings.length === 0) return [];
  const text = SECTION_TEXT[section];
  const lines = [p.section(section, `${text.title} (${findings.length})`), ...wrap(text.explain, width, "  ").map((l) => p.c.gray(l))];
  for (const f of findings) lines.push(...findingLines(section, f, p, width));
  if (text.fix) lines.push(...wrap(`→ ${text.fix}`, width, "  ").map((l) => p.c.italic(l)));
  return [...lines, ""];
}

/** "4 undeclared, 1 open high-impact, 1 probe error" — the line a reader sees first. */
export function verdict(counts: Record<Section, number>): string {
  const parts: string[] = [];
  if (counts.undeclared) parts.push(plural(counts.undeclared, "undeclared difference"));
  if (counts["open-high"]) parts.push(plural(counts["open-high"], "open high-impact difference"));
  if (counts.error) parts.push(plural(counts.error, "probe error"));
  if (counts.stale) parts.push(plural(counts.stale, "stale map entry", "stale map entries"));
  if (parts.length === 0) return "No undeclared or open high-impact differences.";
  return `${parts.join(", ")}.`;
}
