import type { Audit, PairAudit } from "../types.js";
import { DIMENSIONS } from "../types.js";
import type { ReportOptions } from "./options.js";
import { DIMENSION_TITLE, RATING_TEXT, pairLabel, pairSections } from "./sections.js";
import { sectionMarkdown } from "./markdown-findings.js";
import { RATING_BADGE, code, md, mdCell } from "./md-text.js";
import { formatDate, formatDuration } from "./text.js";
import { matrixRows, notBlocking, pairHeading, probeNote, snapshotLines, upkeepAllClear, upkeepEntries } from "./verdict-text.js";

/** Internal knobs: the step summary renders the same report with a cap per section. */
export interface MarkdownLayout {
  /** At most this many findings per section (the rest are counted). */
  limit?: number;
}

export function ratingsTable(pair: PairAudit): string[] {
  const rows = DIMENSIONS.map((d) => {
    const a = pair.dimensions[d];
    return `| ${DIMENSION_TITLE[d]} | ${RATING_BADGE[a.rating]} ${RATING_TEXT[a.rating]} | ${a.confidence} | ${a.findings} |`;
  });
  return ["| Dimension | Risk | Confidence | Findings |", "|---|---|---|---|", ...rows];
}

/** Pairs × dimensions and the gate per pair and in total, for audits of more than one pair. */
export function matrixTable(audit: Audit): string[] {
  if (audit.pairs.length < 2) return [];
  const { head, rows } = matrixRows(audit);
  return [
    `| ${head.join(" | ")} |`,
    `|${head.map(() => "---").join("|")}|`,
    ...rows.map((r) => `| ${r.total ? `**${mdCell(r.pair)}**` : mdCell(r.pair)} | ${r.ratings.map((x) => `${RATING_BADGE[x]} ${RATING_TEXT[x]}`).join(" | ")} | ${r.gate} |`),
    "",
  ];
}

/** The gate line, and what does not block at this level: the first thing the document says. */
export function gateMarkdown(audit: Audit): string[] {
  const quiet = notBlocking(audit);
  return [`**${md(audit.verdict.summary)}**`, "", ...(quiet.length ? [`Not blocking at \`--fail-on ${audit.verdict.gate}\`: ${md(quiet.join(", "))}.`, ""] : [])];
}

export function snapshotMarkdown(audit: Audit): string[] {
  const lines = snapshotLines(audit);
  return lines.length ? [...lines.map((l) => `> ${md(l)}`), ""] : [];
}

function pairMarkdown(pair: PairAudit, h: string, layout: MarkdownLayout): string[] {
  const lines = [...ratingsTable(pair), ""];
  for (const d of DIMENSIONS) {
    const a = pair.dimensions[d];
    lines.push(`**${md(a.headline)}** (confidence ${a.confidence}). ${md(a.summary)}`, "");
  }
  for (const { section, findings } of pairSections(pair)) lines.push(...sectionMarkdown(section, findings, `${h}#`, layout.limit));
  const probeRows = pair.probes.map((r) => `| ${code(r.id, true)} | ${mdCell(r.kind)} | ${r.status === "ok" ? "ok" : `**${r.status}**`} | ${formatDuration(r.durationMs)} | ${mdCell(probeNote(r))} |`);
  lines.push(`${h}# Probes`, "", "| Probe | Kind | Status | Duration | Note |", "|---|---|---|---|---|", ...probeRows, "");
  return lines;
}

function upkeepMarkdown(audit: Audit): string[] {
  const lines = ["## Map upkeep", ""];
  const clear = upkeepAllClear(audit);
  if (clear) return [...lines, clear, ""];
  for (const item of upkeepEntries(audit)) {
    const at = item.line ? ` (${code(`${audit.map}:${item.line}`)})` : "";
    lines.push(`- **${item.label}:** ${code(item.entry)}${at} — ${md(item.detail)}`);
  }
  return [...lines, ""];
}

function sinceLastMarkdown(audit: Audit): string[] {
  const since = audit.sinceLast;
  if (!since) return [];
  if (since.previous === null) return ["**Since last audit:** this is the first saved audit.", ""];
  const multi = audit.pairs.length > 1;
  const item = (x: { pair: string; probe: string; subject: string; aspect: string }) =>
    `${multi ? `${md(x.pair)}: ` : ""}${[x.probe, x.subject, x.aspect].filter(Boolean).map((t) => code(t)).join(" · ")}`;
  const lines = [`**Since last audit** (${formatDate(since.previous)}): ${since.newFindings.length} new, ${since.resolved.length} resolved`, ""];
  for (const x of since.newFindings) lines.push(`- new: ${item(x)}`);
  for (const x of since.resolved) lines.push(`- resolved: ${item(x)}`);
  return [...lines, ""];
}

export function renderMarkdownWith(audit: Audit, layout: MarkdownLayout): string {
  const pairs = audit.pairs.map((p) => md(pairLabel(p))).join(", ");
  const multi = audit.pairs.length > 1;
  const lines = [
    `# Parity audit: ${md(audit.service)}`,
    "",
    ...gateMarkdown(audit),
    `${pairs} · ${formatDate(audit.generatedAt)} · map ${code(audit.map)} · parity ${md(audit.parityVersion)}`,
    "",
    ...snapshotMarkdown(audit),
    ...matrixTable(audit),
  ];
  for (const pair of audit.pairs) {
    if (multi) lines.push(`## ${md(pairHeading(audit, pair.name))}`, "");
    lines.push(...pairMarkdown(pair, multi ? "###" : "##", layout));
  }
  lines.push(...upkeepMarkdown(audit), ...sinceLastMarkdown(audit));
  while (lines.at(-1) === "") lines.pop();
  return `${lines.join("\n")}\n`;
}

/** The full report as GitHub-flavoured markdown (for PRs, wikis and the step summary). */
export function renderMarkdown(audit: Audit, _options?: ReportOptions): string {
  return renderMarkdownWith(audit, {});
}
